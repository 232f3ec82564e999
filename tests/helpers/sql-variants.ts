/**
 * For each SQL question: other correct queries, written differently from the reference
 * (each must pass every case), and plausible wrong ones, the mistakes candidates make
 * (each must fail at least one case). Used by tests/unit/sql-references.test.ts.
 */
export const SQL_VARIANTS: Record<string, { correct: string[]; wrong: string[] }> = {
  'sql-bought-together': {
    correct: [
      `SELECT a.product AS x, b.product AS y, COUNT(DISTINCT a.order_id) AS n
       FROM order_lines a JOIN order_lines b ON a.order_id = b.order_id AND a.product < b.product
       GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 3`,
    ],
    wrong: [
      // Both orderings of every pair.
      `WITH d AS (SELECT DISTINCT order_id, product FROM order_lines)
       SELECT a.product, b.product, COUNT(*) AS n FROM d a JOIN d b
         ON a.order_id = b.order_id AND a.product <> b.product
       GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 3`,
      // Lines, not orders.
      `SELECT a.product, b.product, COUNT(*) AS n FROM order_lines a JOIN order_lines b
         ON a.order_id = b.order_id AND a.product < b.product
       GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 3`,
      // A product paired with itself.
      `WITH d AS (SELECT DISTINCT order_id, product FROM order_lines)
       SELECT a.product, b.product, COUNT(*) AS n FROM d a JOIN d b
         ON a.order_id = b.order_id AND a.product <= b.product
       GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 3`,
      // Every pair tied with the third.
      `WITH d AS (SELECT DISTINCT order_id, product FROM order_lines),
       p AS (SELECT a.product x, b.product y, COUNT(*) n FROM d a JOIN d b
               ON a.order_id = b.order_id AND a.product < b.product GROUP BY 1, 2)
       SELECT x, y, n FROM (SELECT *, DENSE_RANK() OVER (ORDER BY n DESC) r FROM p)
       WHERE r <= 3 ORDER BY n DESC, x, y`,
      // Ties settled on the second product first.
      `WITH d AS (SELECT DISTINCT order_id, product FROM order_lines)
       SELECT a.product, b.product, COUNT(*) AS n FROM d a JOIN d b
         ON a.order_id = b.order_id AND a.product < b.product
       GROUP BY 1, 2 ORDER BY n DESC, 2, 1 LIMIT 3`,
    ],
  },

  'sql-top-products-per-category': {
    correct: [
      `WITH r AS (SELECT p.category, p.product_id, SUM(s.quantity * s.unit_price) AS revenue
                  FROM products p JOIN sales s USING (product_id) GROUP BY 1, 2)
       SELECT category, product_id, revenue FROM r
       WHERE (SELECT COUNT(*) FROM r AS better
              WHERE better.category = r.category AND better.revenue > r.revenue) < 2
       ORDER BY category, revenue DESC, product_id`,
    ],
    wrong: [
      `WITH r AS (SELECT p.category, p.product_id, SUM(s.quantity * s.unit_price) AS revenue
                  FROM products p JOIN sales s USING (product_id) GROUP BY 1, 2)
       SELECT category, product_id, revenue FROM (
         SELECT *, ROW_NUMBER() OVER (PARTITION BY category ORDER BY revenue DESC, product_id) AS k FROM r)
       WHERE k <= 2 ORDER BY category, revenue DESC, product_id`,
      `WITH r AS (SELECT p.category, p.product_id, SUM(s.quantity * s.unit_price) AS revenue
                  FROM products p JOIN sales s USING (product_id) GROUP BY 1, 2)
       SELECT category, product_id, revenue FROM (
         SELECT *, DENSE_RANK() OVER (PARTITION BY category ORDER BY revenue DESC) AS k FROM r)
       WHERE k <= 2 ORDER BY category, revenue DESC, product_id`,
      // The top two overall.
      `SELECT p.category, p.product_id, SUM(s.quantity * s.unit_price) AS revenue
       FROM products p JOIN sales s USING (product_id) GROUP BY 1, 2
       ORDER BY revenue DESC LIMIT 2`,
      // Units, not revenue.
      `WITH r AS (SELECT p.category, p.product_id, SUM(s.quantity) AS revenue
                  FROM products p JOIN sales s USING (product_id) GROUP BY 1, 2)
       SELECT category, product_id, revenue FROM (
         SELECT *, RANK() OVER (PARTITION BY category ORDER BY revenue DESC) AS k FROM r)
       WHERE k <= 2 ORDER BY category, revenue DESC, product_id`,
      // Each sale ranked on its own.
      `SELECT category, product_id, revenue FROM (
         SELECT p.category, p.product_id, s.quantity * s.unit_price AS revenue,
                RANK() OVER (PARTITION BY p.category ORDER BY s.quantity * s.unit_price DESC) AS k
         FROM products p JOIN sales s USING (product_id))
       WHERE k <= 2 ORDER BY category, revenue DESC, product_id`,
      // Sales of unknown products kept.
      `WITH r AS (SELECT p.category, s.product_id, SUM(s.quantity * s.unit_price) AS revenue
                  FROM sales s LEFT JOIN products p USING (product_id) GROUP BY 1, 2)
       SELECT category, product_id, revenue FROM (
         SELECT *, RANK() OVER (PARTITION BY category ORDER BY revenue DESC) AS k FROM r)
       WHERE k <= 2 ORDER BY category, revenue DESC, product_id`,
    ],
  },

  'sql-sessionize-events': {
    correct: [
      `WITH g AS (
         SELECT user_id, event_time,
                (unixepoch(event_time) - unixepoch(LAG(event_time, 1, event_time)
                   OVER (PARTITION BY user_id ORDER BY event_time)) > 1800) AS new_session
         FROM events),
       s AS (SELECT user_id, event_time,
                    1 + SUM(new_session) OVER (PARTITION BY user_id ORDER BY event_time) AS n FROM g)
       SELECT user_id, n, MIN(event_time), MAX(event_time), COUNT(*) FROM s
       GROUP BY user_id, n ORDER BY user_id, n`,
    ],
    wrong: [
      // 30 minutes exactly starts a session.
      `WITH g AS (
         SELECT user_id, event_time,
                CASE WHEN LAG(event_time) OVER w IS NULL
                       OR unixepoch(event_time) - unixepoch(LAG(event_time) OVER w) >= 1800
                     THEN 1 ELSE 0 END AS f
         FROM events WINDOW w AS (PARTITION BY user_id ORDER BY event_time)),
       s AS (SELECT user_id, event_time, SUM(f) OVER (PARTITION BY user_id ORDER BY event_time) n FROM g)
       SELECT user_id, n, MIN(event_time), MAX(event_time), COUNT(*) FROM s GROUP BY 1, 2 ORDER BY 1, 2`,
      // Gaps measured across users.
      `WITH g AS (
         SELECT user_id, event_time,
                CASE WHEN LAG(event_time) OVER w IS NULL
                       OR unixepoch(event_time) - unixepoch(LAG(event_time) OVER w) > 1800
                     THEN 1 ELSE 0 END AS f
         FROM events WINDOW w AS (ORDER BY event_time)),
       s AS (SELECT user_id, event_time, SUM(f) OVER (PARTITION BY user_id ORDER BY event_time) n FROM g)
       SELECT user_id, n, MIN(event_time), MAX(event_time), COUNT(*) FROM s GROUP BY 1, 2 ORDER BY 1, 2`,
      // Time of day only.
      `WITH g AS (
         SELECT user_id, event_time,
                CASE WHEN LAG(event_time) OVER w IS NULL
                       OR (strftime('%H', event_time) * 60 + strftime('%M', event_time))
                        - (strftime('%H', LAG(event_time) OVER w) * 60 + strftime('%M', LAG(event_time) OVER w)) > 30
                     THEN 1 ELSE 0 END AS f
         FROM events WINDOW w AS (PARTITION BY user_id ORDER BY event_time)),
       s AS (SELECT user_id, event_time, SUM(f) OVER (PARTITION BY user_id ORDER BY event_time) n FROM g)
       SELECT user_id, n, MIN(event_time), MAX(event_time), COUNT(*) FROM s GROUP BY 1, 2 ORDER BY 1, 2`,
      // Fixed 30-minute windows from each user's first event.
      `WITH f AS (SELECT user_id, event_time,
                         MIN(event_time) OVER (PARTITION BY user_id) AS first_time FROM events),
       s AS (SELECT user_id, event_time,
                    1 + (unixepoch(event_time) - unixepoch(first_time)) / 1800 AS n FROM f)
       SELECT user_id, n, MIN(event_time), MAX(event_time), COUNT(*) FROM s GROUP BY 1, 2 ORDER BY 1, 2`,
      // Gaps in the order the rows were stored.
      `WITH g AS (
         SELECT user_id, event_time, rowid AS r,
                CASE WHEN LAG(event_time) OVER w IS NULL
                       OR unixepoch(event_time) - unixepoch(LAG(event_time) OVER w) > 1800
                     THEN 1 ELSE 0 END AS f
         FROM events WINDOW w AS (PARTITION BY user_id ORDER BY rowid)),
       s AS (SELECT user_id, event_time, SUM(f) OVER (PARTITION BY user_id ORDER BY r) n FROM g)
       SELECT user_id, n, MIN(event_time), MAX(event_time), COUNT(*) FROM s GROUP BY 1, 2 ORDER BY 1, 2`,
    ],
  },

  'sql-retention-cohorts': {
    correct: [
      `SELECT strftime('%Y-%m', u.signup_date) AS cohort, COUNT(DISTINCT u.user_id) AS users,
              COUNT(DISTINCT a.user_id) AS retained,
              COUNT(DISTINCT a.user_id) * 1.0 / COUNT(DISTINCT u.user_id) AS rate
       FROM users u LEFT JOIN activity a
         ON a.user_id = u.user_id
        AND julianday(a.activity_date) - julianday(u.signup_date) BETWEEN 1 AND 7
       GROUP BY cohort ORDER BY cohort`,
    ],
    wrong: [
      // Day 0 counted.
      `SELECT strftime('%Y-%m', u.signup_date) c, COUNT(DISTINCT u.user_id), COUNT(DISTINCT a.user_id),
              COUNT(DISTINCT a.user_id) * 1.0 / COUNT(DISTINCT u.user_id)
       FROM users u LEFT JOIN activity a ON a.user_id = u.user_id
        AND a.activity_date BETWEEN u.signup_date AND date(u.signup_date, '+7 days')
       GROUP BY c ORDER BY c`,
      // Integer division.
      `SELECT strftime('%Y-%m', u.signup_date) c, COUNT(DISTINCT u.user_id), COUNT(DISTINCT a.user_id),
              COUNT(DISTINCT a.user_id) / COUNT(DISTINCT u.user_id)
       FROM users u LEFT JOIN activity a ON a.user_id = u.user_id
        AND a.activity_date BETWEEN date(u.signup_date, '+1 day') AND date(u.signup_date, '+7 days')
       GROUP BY c ORDER BY c`,
      // Inner join: cohorts without a retained user vanish, users counted from activity.
      `SELECT strftime('%Y-%m', u.signup_date) c, COUNT(DISTINCT u.user_id), COUNT(DISTINCT a.user_id),
              COUNT(DISTINCT a.user_id) * 1.0 / COUNT(DISTINCT u.user_id)
       FROM users u JOIN activity a ON a.user_id = u.user_id
        AND a.activity_date BETWEEN date(u.signup_date, '+1 day') AND date(u.signup_date, '+7 days')
       GROUP BY c ORDER BY c`,
      // Activity rows, not users.
      `SELECT strftime('%Y-%m', u.signup_date) c, COUNT(*), COUNT(a.user_id), COUNT(a.user_id) * 1.0 / COUNT(*)
       FROM users u LEFT JOIN activity a ON a.user_id = u.user_id
        AND a.activity_date BETWEEN date(u.signup_date, '+1 day') AND date(u.signup_date, '+7 days')
       GROUP BY c ORDER BY c`,
      // No lower bound: activity before signup counts.
      `SELECT strftime('%Y-%m', u.signup_date) c, COUNT(DISTINCT u.user_id), COUNT(DISTINCT a.user_id),
              COUNT(DISTINCT a.user_id) * 1.0 / COUNT(DISTINCT u.user_id)
       FROM users u LEFT JOIN activity a ON a.user_id = u.user_id
        AND a.activity_date <> u.signup_date AND a.activity_date <= date(u.signup_date, '+7 days')
       GROUP BY c ORDER BY c`,
    ],
  },

  'sql-ab-test-metrics': {
    correct: [
      `WITH first AS (
         SELECT user_id, variant, MIN(assigned_at) AS at FROM assignments
         WHERE user_id NOT IN (SELECT user_id FROM assignments GROUP BY user_id
                               HAVING COUNT(DISTINCT variant) > 1)
         GROUP BY user_id, variant)
       SELECT f.variant, COUNT(*) AS users,
              SUM(EXISTS (SELECT 1 FROM orders o WHERE o.user_id = f.user_id AND o.ordered_at >= f.at)),
              AVG(EXISTS (SELECT 1 FROM orders o WHERE o.user_id = f.user_id AND o.ordered_at >= f.at)),
              AVG((SELECT TOTAL(amount) FROM orders o WHERE o.user_id = f.user_id AND o.ordered_at >= f.at))
       FROM first f GROUP BY f.variant ORDER BY f.variant`,
    ],
    wrong: [
      // Average order value, over orders.
      `WITH c AS (SELECT user_id, MIN(variant) v, MIN(assigned_at) t FROM assignments
                  GROUP BY user_id HAVING COUNT(DISTINCT variant) = 1)
       SELECT v, COUNT(DISTINCT c.user_id), COUNT(DISTINCT o.user_id),
              COUNT(DISTINCT o.user_id) * 1.0 / COUNT(DISTINCT c.user_id), AVG(o.amount)
       FROM c LEFT JOIN orders o ON o.user_id = c.user_id AND o.ordered_at >= c.t
       GROUP BY v ORDER BY v`,
      // The time condition in WHERE turns the LEFT JOIN into an inner join.
      `WITH c AS (SELECT user_id, MIN(variant) v, MIN(assigned_at) t FROM assignments
                  GROUP BY user_id HAVING COUNT(DISTINCT variant) = 1)
       SELECT v, COUNT(DISTINCT c.user_id), COUNT(DISTINCT o.user_id),
              COUNT(DISTINCT o.user_id) * 1.0 / COUNT(DISTINCT c.user_id),
              TOTAL(o.amount) / COUNT(DISTINCT c.user_id)
       FROM c LEFT JOIN orders o ON o.user_id = c.user_id WHERE o.ordered_at >= c.t
       GROUP BY v ORDER BY v`,
      // Users in both variants kept in each.
      `WITH c AS (SELECT user_id, variant v, MIN(assigned_at) t FROM assignments GROUP BY user_id, variant)
       SELECT v, COUNT(DISTINCT c.user_id), COUNT(DISTINCT o.user_id),
              COUNT(DISTINCT o.user_id) * 1.0 / COUNT(DISTINCT c.user_id),
              TOTAL(o.amount) / COUNT(DISTINCT c.user_id)
       FROM c LEFT JOIN orders o ON o.user_id = c.user_id AND o.ordered_at >= c.t
       GROUP BY v ORDER BY v`,
      // Orders before the assignment counted.
      `WITH c AS (SELECT user_id, MIN(variant) v FROM assignments
                  GROUP BY user_id HAVING COUNT(DISTINCT variant) = 1)
       SELECT v, COUNT(DISTINCT c.user_id), COUNT(DISTINCT o.user_id),
              COUNT(DISTINCT o.user_id) * 1.0 / COUNT(DISTINCT c.user_id),
              TOTAL(o.amount) / COUNT(DISTINCT c.user_id)
       FROM c LEFT JOIN orders o ON o.user_id = c.user_id
       GROUP BY v ORDER BY v`,
      // Duplicate assignments joined as they are.
      `WITH bad AS (SELECT user_id FROM assignments GROUP BY user_id HAVING COUNT(DISTINCT variant) > 1)
       SELECT a.variant, COUNT(DISTINCT a.user_id), COUNT(DISTINCT o.user_id),
              COUNT(DISTINCT o.user_id) * 1.0 / COUNT(DISTINCT a.user_id),
              TOTAL(o.amount) / COUNT(DISTINCT a.user_id)
       FROM assignments a LEFT JOIN orders o ON o.user_id = a.user_id AND o.ordered_at >= a.assigned_at
       WHERE a.user_id NOT IN (SELECT user_id FROM bad)
       GROUP BY a.variant ORDER BY a.variant`,
    ],
  },

  'sql-latest-address': {
    correct: [
      `SELECT customer_id, address, changed_at FROM address_changes AS c
       WHERE NOT EXISTS (
         SELECT 1 FROM address_changes AS later
         WHERE later.customer_id = c.customer_id
           AND (later.changed_at > c.changed_at
                OR (later.changed_at = c.changed_at AND later.change_id > c.change_id)))
       ORDER BY customer_id`,
    ],
    wrong: [
      // Ties return two rows.
      `SELECT c.customer_id, c.address, c.changed_at FROM address_changes c
       JOIN (SELECT customer_id, MAX(changed_at) m FROM address_changes GROUP BY customer_id) l
         ON l.customer_id = c.customer_id AND l.m = c.changed_at
       ORDER BY c.customer_id`,
      // Ids taken as time order.
      `SELECT c.customer_id, c.address, c.changed_at FROM address_changes c
       WHERE c.change_id = (SELECT MAX(change_id) FROM address_changes x WHERE x.customer_id = c.customer_id)
       ORDER BY c.customer_id`,
      // Deleted addresses skipped.
      `SELECT customer_id, address, changed_at FROM (
         SELECT *, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY changed_at DESC, change_id DESC) k
         FROM address_changes WHERE address IS NOT NULL)
       WHERE k = 1 ORDER BY customer_id`,
      // Joined on the time alone.
      `SELECT c.customer_id, c.address, c.changed_at FROM address_changes c
       JOIN (SELECT customer_id, MAX(changed_at) m FROM address_changes GROUP BY customer_id) l
         ON l.m = c.changed_at
       GROUP BY c.change_id ORDER BY c.customer_id`,
      // SQLite's bare column beside MAX(): right row, except on a tie.
      `SELECT customer_id, address, MAX(changed_at) FROM address_changes
       GROUP BY customer_id ORDER BY customer_id`,
      // The lower id wins a tie.
      `SELECT customer_id, address, changed_at FROM (
         SELECT *, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY changed_at DESC, change_id) k
         FROM address_changes)
       WHERE k = 1 ORDER BY customer_id`,
    ],
  },

  'sql-running-balance': {
    correct: [
      `SELECT t.account_id, t.tx_id, t.tx_time, t.amount_cents,
              (SELECT SUM(p.amount_cents) FROM transactions p
               WHERE p.account_id = t.account_id
                 AND (p.tx_time < t.tx_time OR (p.tx_time = t.tx_time AND p.tx_id <= t.tx_id)))
       FROM transactions t ORDER BY 1, 3, 2`,
    ],
    wrong: [
      // Equal times share a balance (RANGE frame).
      `SELECT account_id, tx_id, tx_time, amount_cents,
              SUM(amount_cents) OVER (PARTITION BY account_id ORDER BY tx_time)
       FROM transactions ORDER BY account_id, tx_time, tx_id`,
      // Id order taken as time order.
      `SELECT account_id, tx_id, tx_time, amount_cents,
              SUM(amount_cents) OVER (PARTITION BY account_id ORDER BY tx_id)
       FROM transactions ORDER BY account_id, tx_time, tx_id`,
      // One balance across accounts.
      `SELECT account_id, tx_id, tx_time, amount_cents,
              SUM(amount_cents) OVER (ORDER BY tx_time, tx_id)
       FROM transactions ORDER BY account_id, tx_time, tx_id`,
    ],
  },

  'sql-funnel-conversion': {
    correct: [
      `WITH steps(position, step) AS (VALUES (1, 'view'), (2, 'cart'), (3, 'purchase')),
       v AS (SELECT user_id, MIN(event_time) t FROM events WHERE event_name = 'view' GROUP BY user_id),
       c AS (SELECT v.user_id, (SELECT MIN(e.event_time) FROM events e
                                WHERE e.user_id = v.user_id AND e.event_name = 'cart'
                                  AND e.event_time >= v.t) t FROM v),
       p AS (SELECT c.user_id FROM c WHERE c.t IS NOT NULL AND EXISTS (
               SELECT 1 FROM events e WHERE e.user_id = c.user_id
                 AND e.event_name = 'purchase' AND e.event_time >= c.t)),
       n AS (SELECT 1 pos, COUNT(*) k FROM v
             UNION ALL SELECT 2, COUNT(t) FROM c
             UNION ALL SELECT 3, COUNT(*) FROM p)
       SELECT s.step, n.k, CAST(n.k AS REAL) / NULLIF(prev.k, 0)
       FROM steps s JOIN n ON n.pos = s.position LEFT JOIN n prev ON prev.pos = s.position - 1
       ORDER BY s.position`,
    ],
    wrong: [
      // Steps counted by event name, in any order, and missing when nobody reached them.
      `SELECT event_name, COUNT(DISTINCT user_id) AS users,
              COUNT(DISTINCT user_id) * 1.0 / LAG(COUNT(DISTINCT user_id)) OVER (
                ORDER BY CASE event_name WHEN 'view' THEN 1 WHEN 'cart' THEN 2 ELSE 3 END)
       FROM events WHERE event_name IN ('view', 'cart', 'purchase')
       GROUP BY event_name
       ORDER BY CASE event_name WHEN 'view' THEN 1 WHEN 'cart' THEN 2 ELSE 3 END`,
      // Integer division.
      `WITH v AS (SELECT user_id, MIN(event_time) t FROM events WHERE event_name = 'view' GROUP BY user_id),
       c AS (SELECT v.user_id, MIN(e.event_time) t FROM v JOIN events e ON e.user_id = v.user_id
               AND e.event_name = 'cart' AND e.event_time >= v.t GROUP BY v.user_id),
       p AS (SELECT DISTINCT c.user_id FROM c JOIN events e ON e.user_id = c.user_id
               AND e.event_name = 'purchase' AND e.event_time >= c.t),
       s AS (SELECT 1 k, 'view' step, (SELECT COUNT(*) FROM v) n UNION ALL
             SELECT 2, 'cart', (SELECT COUNT(*) FROM c) UNION ALL SELECT 3, 'purchase', (SELECT COUNT(*) FROM p))
       SELECT step, n, n / LAG(n) OVER (ORDER BY k) FROM s ORDER BY k`,
      // Purchase anchored to any cart, not the first one that counted.
      `WITH v AS (SELECT user_id, MIN(event_time) t FROM events WHERE event_name = 'view' GROUP BY user_id),
       c AS (SELECT DISTINCT v.user_id FROM v JOIN events e ON e.user_id = v.user_id
               AND e.event_name = 'cart' AND e.event_time >= v.t),
       fc AS (SELECT user_id, MIN(event_time) t FROM events WHERE event_name = 'cart' GROUP BY user_id),
       p AS (SELECT DISTINCT c.user_id FROM c JOIN fc ON fc.user_id = c.user_id JOIN events e
               ON e.user_id = c.user_id AND e.event_name = 'purchase' AND e.event_time >= fc.t),
       s AS (SELECT 1 k, 'view' step, (SELECT COUNT(*) FROM v) n UNION ALL
             SELECT 2, 'cart', (SELECT COUNT(*) FROM c) UNION ALL SELECT 3, 'purchase', (SELECT COUNT(*) FROM p))
       SELECT step, n, n * 1.0 / LAG(n) OVER (ORDER BY k) FROM s ORDER BY k`,
      // A strictly later time required.
      `WITH v AS (SELECT user_id, MIN(event_time) t FROM events WHERE event_name = 'view' GROUP BY user_id),
       c AS (SELECT v.user_id, MIN(e.event_time) t FROM v JOIN events e ON e.user_id = v.user_id
               AND e.event_name = 'cart' AND e.event_time > v.t GROUP BY v.user_id),
       p AS (SELECT DISTINCT c.user_id FROM c JOIN events e ON e.user_id = c.user_id
               AND e.event_name = 'purchase' AND e.event_time > c.t),
       s AS (SELECT 1 k, 'view' step, (SELECT COUNT(*) FROM v) n UNION ALL
             SELECT 2, 'cart', (SELECT COUNT(*) FROM c) UNION ALL SELECT 3, 'purchase', (SELECT COUNT(*) FROM p))
       SELECT step, n, n * 1.0 / LAG(n) OVER (ORDER BY k) FROM s ORDER BY k`,
      // Events counted instead of users.
      `WITH v AS (SELECT user_id, MIN(event_time) t FROM events WHERE event_name = 'view' GROUP BY user_id),
       s AS (SELECT 1 k, 'view' step, (SELECT COUNT(*) FROM events WHERE event_name = 'view') n UNION ALL
             SELECT 2, 'cart', (SELECT COUNT(*) FROM v JOIN events e ON e.user_id = v.user_id
                                  AND e.event_name = 'cart' AND e.event_time >= v.t) UNION ALL
             SELECT 3, 'purchase', (SELECT COUNT(*) FROM v JOIN events e ON e.user_id = v.user_id
                                  AND e.event_name = 'purchase' AND e.event_time >= v.t))
       SELECT step, n, n * 1.0 / LAG(n) OVER (ORDER BY k) FROM s ORDER BY k`,
    ],
  },

  'sql-latency-median-p90': {
    correct: [
      `WITH m AS (SELECT endpoint, latency_ms FROM requests WHERE latency_ms IS NOT NULL),
       n AS (SELECT endpoint, COUNT(*) c FROM m GROUP BY endpoint),
       r AS (SELECT m.endpoint, m.latency_ms, n.c,
                    ROW_NUMBER() OVER (PARTITION BY m.endpoint ORDER BY m.latency_ms) i
             FROM m JOIN n USING (endpoint))
       SELECT e.endpoint, COALESCE(n.c, 0),
              (SELECT AVG(latency_ms) FROM r WHERE r.endpoint = e.endpoint
                 AND (r.i = (r.c + 1) / 2 OR r.i = r.c / 2 + 1)),
              (SELECT latency_ms FROM r WHERE r.endpoint = e.endpoint
                 AND r.i >= 0.9 * r.c ORDER BY r.i LIMIT 1)
       FROM (SELECT DISTINCT endpoint FROM requests) e LEFT JOIN n USING (endpoint)
       ORDER BY e.endpoint`,
    ],
    wrong: [
      // The mean.
      `SELECT endpoint, COUNT(latency_ms), AVG(latency_ms), MAX(latency_ms)
       FROM requests GROUP BY endpoint ORDER BY endpoint`,
      // NULLs counted as zero.
      `WITH r AS (SELECT endpoint, COALESCE(latency_ms, 0) AS l,
                         ROW_NUMBER() OVER (PARTITION BY endpoint ORDER BY COALESCE(latency_ms, 0)) AS i,
                         COUNT(*) OVER (PARTITION BY endpoint) AS n FROM requests)
       SELECT endpoint, MAX(n), AVG(CASE WHEN i IN ((n + 1) / 2, (n + 2) / 2) THEN l END),
              MAX(CASE WHEN i = (9 * n + 9) / 10 THEN l END)
       FROM r GROUP BY endpoint ORDER BY endpoint`,
      // RANK: equal values share a position.
      `WITH r AS (SELECT endpoint, latency_ms l,
                         RANK() OVER (PARTITION BY endpoint ORDER BY latency_ms) AS i,
                         COUNT(*) OVER (PARTITION BY endpoint) AS n FROM requests WHERE latency_ms IS NOT NULL),
       s AS (SELECT endpoint, MAX(n) n, AVG(CASE WHEN i IN ((n + 1) / 2, (n + 2) / 2) THEN l END) med,
                    MAX(CASE WHEN i = (9 * n + 9) / 10 THEN l END) p90 FROM r GROUP BY endpoint)
       SELECT e.endpoint, COALESCE(s.n, 0), s.med, s.p90
       FROM (SELECT DISTINCT endpoint FROM requests) e LEFT JOIN s USING (endpoint) ORDER BY 1`,
      // Lower middle only, and p90 rounded down.
      `WITH r AS (SELECT endpoint, latency_ms l,
                         ROW_NUMBER() OVER (PARTITION BY endpoint ORDER BY latency_ms) AS i,
                         COUNT(*) OVER (PARTITION BY endpoint) AS n FROM requests WHERE latency_ms IS NOT NULL),
       s AS (SELECT endpoint, MAX(n) n, MAX(CASE WHEN i = (n + 1) / 2 THEN l END) med,
                    MAX(CASE WHEN i = MAX(1, 9 * n / 10) THEN l END) p90 FROM r GROUP BY endpoint)
       SELECT e.endpoint, COALESCE(s.n, 0), s.med, s.p90
       FROM (SELECT DISTINCT endpoint FROM requests) e LEFT JOIN s USING (endpoint) ORDER BY 1`,
      // Endpoints with nothing measured dropped.
      `WITH r AS (SELECT endpoint, latency_ms l,
                         ROW_NUMBER() OVER (PARTITION BY endpoint ORDER BY latency_ms) AS i,
                         COUNT(*) OVER (PARTITION BY endpoint) AS n FROM requests WHERE latency_ms IS NOT NULL)
       SELECT endpoint, MAX(n), AVG(CASE WHEN i IN ((n + 1) / 2, (n + 2) / 2) THEN l END),
              MAX(CASE WHEN i = (9 * n + 9) / 10 THEN l END)
       FROM r GROUP BY endpoint ORDER BY endpoint`,
    ],
  },

  'sql-login-streaks': {
    correct: [
      `WITH d AS (SELECT DISTINCT user_id, login_date FROM logins),
       g AS (SELECT user_id, login_date,
                    julianday(login_date) - ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY login_date) AS k
             FROM d),
       s AS (SELECT user_id, MIN(login_date) a, MAX(login_date) b, COUNT(*) n FROM g GROUP BY user_id, k)
       SELECT user_id, a, b, n FROM s
       WHERE NOT EXISTS (SELECT 1 FROM s t WHERE t.user_id = s.user_id
                         AND (t.n > s.n OR (t.n = s.n AND t.a < s.a)))
       ORDER BY user_id`,
    ],
    wrong: [
      // Every login row numbered.
      `WITH g AS (SELECT user_id, login_date,
                         date(login_date, '-' || ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY login_date) || ' days') k
                  FROM logins),
       s AS (SELECT user_id, MIN(login_date) a, MAX(login_date) b, COUNT(DISTINCT login_date) n FROM g GROUP BY 1, k),
       r AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY n DESC, a) i FROM s)
       SELECT user_id, a, b, n FROM r WHERE i = 1 ORDER BY user_id`,
      // Day-of-month arithmetic.
      `WITH d AS (SELECT DISTINCT user_id, login_date FROM logins),
       g AS (SELECT user_id, login_date,
                    CAST(strftime('%d', login_date) AS INTEGER)
                      - ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY login_date) k FROM d),
       s AS (SELECT user_id, MIN(login_date) a, MAX(login_date) b, COUNT(*) n FROM g GROUP BY 1, k),
       r AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY n DESC, a) i FROM s)
       SELECT user_id, a, b, n FROM r WHERE i = 1 ORDER BY user_id`,
      // Not partitioned by user.
      `WITH d AS (SELECT DISTINCT user_id, login_date FROM logins),
       g AS (SELECT user_id, login_date,
                    date(login_date, '-' || ROW_NUMBER() OVER (ORDER BY login_date) || ' days') k FROM d),
       s AS (SELECT user_id, MIN(login_date) a, MAX(login_date) b, COUNT(*) n FROM g GROUP BY 1, k),
       r AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY n DESC, a) i FROM s)
       SELECT user_id, a, b, n FROM r WHERE i = 1 ORDER BY user_id`,
      // The latest of tied streaks.
      `WITH d AS (SELECT DISTINCT user_id, login_date FROM logins),
       g AS (SELECT user_id, login_date,
                    date(login_date, '-' || ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY login_date) || ' days') k
             FROM d),
       s AS (SELECT user_id, MIN(login_date) a, MAX(login_date) b, COUNT(*) n FROM g GROUP BY 1, k),
       r AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY n DESC, a DESC) i FROM s)
       SELECT user_id, a, b, n FROM r WHERE i = 1 ORDER BY user_id`,
    ],
  },

  'sql-precision-recall': {
    correct: [
      `SELECT model,
              TOTAL(label = 1 AND score >= 0.5) AS tp,
              TOTAL(label = 0 AND score >= 0.5) AS fp,
              TOTAL(label = 1 AND score < 0.5) AS fn,
              TOTAL(label = 1 AND score >= 0.5) / NULLIF(TOTAL(label IS NOT NULL AND score >= 0.5), 0),
              TOTAL(label = 1 AND score >= 0.5) / NULLIF(TOTAL(label = 1), 0)
       FROM predictions GROUP BY model ORDER BY model`,
    ],
    wrong: [
      // A NULL label taken as negative.
      `WITH c AS (SELECT model,
                         COUNT(CASE WHEN label = 1 AND score >= 0.5 THEN 1 END) tp,
                         COUNT(CASE WHEN COALESCE(label, 0) = 0 AND score >= 0.5 THEN 1 END) fp,
                         COUNT(CASE WHEN label = 1 AND score < 0.5 THEN 1 END) fn
                  FROM predictions GROUP BY model)
       SELECT model, tp, fp, fn, tp * 1.0 / NULLIF(tp + fp, 0), tp * 1.0 / NULLIF(tp + fn, 0) FROM c ORDER BY model`,
      // Unlabelled rows filtered in WHERE, losing a model.
      `WITH c AS (SELECT model,
                         COUNT(CASE WHEN label = 1 AND score >= 0.5 THEN 1 END) tp,
                         COUNT(CASE WHEN label = 0 AND score >= 0.5 THEN 1 END) fp,
                         COUNT(CASE WHEN label = 1 AND score < 0.5 THEN 1 END) fn
                  FROM predictions WHERE label IS NOT NULL GROUP BY model)
       SELECT model, tp, fp, fn, tp * 1.0 / NULLIF(tp + fp, 0), tp * 1.0 / NULLIF(tp + fn, 0) FROM c ORDER BY model`,
      // Integer division.
      `WITH c AS (SELECT model,
                         COUNT(CASE WHEN label = 1 AND score >= 0.5 THEN 1 END) tp,
                         COUNT(CASE WHEN label = 0 AND score >= 0.5 THEN 1 END) fp,
                         COUNT(CASE WHEN label = 1 AND score < 0.5 THEN 1 END) fn
                  FROM predictions GROUP BY model)
       SELECT model, tp, fp, fn, tp / NULLIF(tp + fp, 0), tp / NULLIF(tp + fn, 0) FROM c ORDER BY model`,
      // A score of 0.5 taken as negative.
      `WITH c AS (SELECT model,
                         COUNT(CASE WHEN label = 1 AND score > 0.5 THEN 1 END) tp,
                         COUNT(CASE WHEN label = 0 AND score > 0.5 THEN 1 END) fp,
                         COUNT(CASE WHEN label = 1 AND score <= 0.5 THEN 1 END) fn
                  FROM predictions GROUP BY model)
       SELECT model, tp, fp, fn, tp * 1.0 / NULLIF(tp + fp, 0), tp * 1.0 / NULLIF(tp + fn, 0) FROM c ORDER BY model`,
      // SUM over no matching row is NULL, not 0.
      `WITH c AS (SELECT model,
                         SUM(CASE WHEN label = 1 AND score >= 0.5 THEN 1 END) tp,
                         SUM(CASE WHEN label = 0 AND score >= 0.5 THEN 1 END) fp,
                         SUM(CASE WHEN label = 1 AND score < 0.5 THEN 1 END) fn
                  FROM predictions GROUP BY model)
       SELECT model, tp, fp, fn, tp * 1.0 / NULLIF(tp + fp, 0), tp * 1.0 / NULLIF(tp + fn, 0) FROM c ORDER BY model`,
    ],
  },

  'sql-rolling-seven-day-revenue': {
    correct: [
      `SELECT d.day, d.revenue,
              (SELECT SUM(w.revenue) FROM daily_revenue w
               WHERE w.day BETWEEN date(d.day, '-6 days') AND d.day)
       FROM daily_revenue d ORDER BY d.day`,
    ],
    wrong: [
      // Seven rows, not seven days.
      `SELECT day, revenue, SUM(revenue) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)
       FROM daily_revenue ORDER BY day`,
      // Eight days.
      `SELECT day, revenue,
              SUM(revenue) OVER (ORDER BY julianday(day) RANGE BETWEEN 7 PRECEDING AND CURRENT ROW)
       FROM daily_revenue ORDER BY day`,
      // Average of the rows present.
      `SELECT day, revenue,
              AVG(revenue) OVER (ORDER BY julianday(day) RANGE BETWEEN 6 PRECEDING AND CURRENT ROW)
       FROM daily_revenue ORDER BY day`,
      // Day-of-month arithmetic.
      `SELECT d.day, d.revenue,
              (SELECT SUM(w.revenue) FROM daily_revenue w
               WHERE strftime('%d', w.day) + 0 BETWEEN strftime('%d', d.day) - 6 AND strftime('%d', d.day) + 0
                 AND w.day <= d.day)
       FROM daily_revenue d ORDER BY d.day`,
    ],
  },
};
