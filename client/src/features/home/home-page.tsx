import { ErrorMessage } from '@/components/error-message';
import { useEffect, useState, type FormEvent } from 'react';
import type { LoopTemplate, RoundSummary } from '@mockloop/shared/content';
import { DIFFICULTIES, type Difficulty, type TargetLevel } from '@mockloop/shared/levels';
import type { Mode } from '@mockloop/shared/loop/state';
import { navigate } from '@/lib/router';
import { createLoop, fetchRounds } from '@/lib/api';
import { preferredLevel, recentQuestionIds, rememberLevel, rememberLoop } from '@/lib/device';
import { useStore } from '@/store/store';
import { LevelPicker } from '@/features/home/level-picker';
import { RoundPlanEditor, type PlannedRound } from '@/features/home/round-plan-editor';

function planFor(
  template: LoopTemplate,
  rounds: RoundSummary[],
  drillRound: string,
): PlannedRound[] {
  const ids = template.drill ? [drillRound] : template.rounds;
  return ids.flatMap((id, index) => {
    const round = rounds.find((r) => r.id === id);
    if (!round) return [];
    // A round asked more than once is numbered: "Online assessment problem 1", "… 2".
    const repeats = ids.filter((other) => other === id).length;
    const nth = ids.slice(0, index + 1).filter((other) => other === id).length;
    return [
      {
        key: `${id}-${nth}`,
        id,
        title: repeats > 1 ? `${round.title} ${nth}` : round.title,
        minutes: round.minutes,
        included: true,
        families: round.families,
        family: '',
      },
    ];
  });
}

/** Pick a template, adjust the rounds, start a solo loop. */
export function HomePage() {
  const content = useStore((s) => s.content);
  const setContent = useStore((s) => s.setContent);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState('full-loop');
  const [drillRound, setDrillRound] = useState('coding');
  const [drillDifficulty, setDrillDifficulty] = useState<Difficulty | ''>('');
  const [plan, setPlan] = useState<PlannedRound[]>([]);
  const [mode, setMode] = useState<Mode>('solo');
  const [level, setLevel] = useState<TargetLevel>(preferredLevel);
  const [myRole, setMyRole] = useState<'interviewer' | 'candidate'>('interviewer');
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  useEffect(() => {
    if (!content) fetchRounds().then(setContent, (e: Error) => setLoadError(e.message));
  }, [content, setContent]);

  const template = content?.templates.find((t) => t.id === templateId);
  useEffect(() => {
    if (content && template) setPlan(planFor(template, content.rounds, drillRound));
  }, [content, template, drillRound]);

  if (loadError)
    return (
      <p className="error panel" role="alert">
        Could not load the rounds: {loadError}
      </p>
    );
  if (!content)
    return (
      <p className="panel" aria-busy="true">
        Loading…
      </p>
    );

  const included = plan.filter((r) => r.included);
  const totalMinutes = included.reduce((sum, r) => sum + r.minutes, 0);
  // A template practised alone (the online assessment) has no interviewer to invite.
  const soloOnly = Boolean(template?.solo);
  const loopMode: Mode = soloOnly ? 'solo' : mode;
  const chooseLevel = (chosen: TargetLevel) => {
    setLevel(chosen);
    rememberLevel(chosen);
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setStarting(true);
    setStartError(null);
    try {
      const created = await createLoop({
        mode: loopMode,
        targetLevel: level,
        template: templateId,
        rounds: included.map((r) => ({
          id: r.id,
          minutes: r.minutes,
          ...(template?.drill && drillDifficulty ? { difficulty: drillDifficulty } : {}),
          ...(r.family ? { family: r.family } : {}),
        })),
        recentQuestionIds: recentQuestionIds(),
      });
      const role = loopMode === 'solo' ? 'candidate' : myRole;
      const token = created.tokens[role]!;
      const { [role]: _mine, ...invites } = created.links;
      rememberLoop({ id: created.id, token, role, savedAt: Date.now(), invites });
      navigate(`/loop/${created.id}#token=${token}`);
    } catch (error) {
      setStartError((error as Error).message);
      setStarting(false);
    }
  };

  return (
    <form className="home" onSubmit={start}>
      <section className="hero">
        <h1>Practise the Amazon ML engineer loop</h1>
        <p>
          Six rounds — phone screen, coding, ML depth, ML system design, behavioral and the Bar
          Raiser — each under a real countdown with its phases, scored on its rubric, ending in a
          debrief.
        </p>
      </section>

      <fieldset className="panel">
        <legend>How do you practise?</legend>
        <label className="choice">
          <input
            type="radio"
            name="mode"
            value="solo"
            checked={loopMode === 'solo'}
            onChange={() => setMode('solo')}
          />
          <span className="choice__title">Alone</span>
          <span className="choice__description">
            You run the clock, answer, and score yourself.
          </span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="mode"
            value="paired"
            checked={loopMode === 'paired'}
            disabled={soloOnly}
            aria-describedby={soloOnly ? 'solo-only-note' : undefined}
            onChange={() => setMode('paired')}
          />
          <span className="choice__title">Mock interview with a partner</span>
          <span className="choice__description">
            One interviews, one is interviewed, over a shared link. Scores stay hidden from each
            other until both have scored.
          </span>
        </label>
        {soloOnly && (
          <p className="muted" id="solo-only-note">
            The {template!.title.toLowerCase()} is taken alone, with no interviewer.
          </p>
        )}
        {loopMode === 'paired' && (
          <div className="field">
            <label htmlFor="my-role">I am the</label>
            <select
              id="my-role"
              value={myRole}
              onChange={(e) => setMyRole(e.target.value as 'interviewer' | 'candidate')}
            >
              <option value="interviewer">interviewer</option>
              <option value="candidate">candidate</option>
            </select>
          </div>
        )}
      </fieldset>

      <fieldset className="panel templates">
        <legend>Choose a loop</legend>
        {content.templates.map((t) => (
          <label key={t.id} className="choice">
            <input
              type="radio"
              name="template"
              value={t.id}
              checked={templateId === t.id}
              onChange={() => setTemplateId(t.id)}
            />
            <span className="choice__title">{t.title}</span>
            <span className="choice__description">{t.description}</span>
          </label>
        ))}
        {template?.drill && (
          <div className="field">
            <label htmlFor="drill-round">Round to drill</label>
            <select
              id="drill-round"
              value={drillRound}
              onChange={(e) => setDrillRound(e.target.value)}
            >
              {content.rounds.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
            <label htmlFor="drill-difficulty">Difficulty</label>
            <select
              id="drill-difficulty"
              value={drillDifficulty}
              onChange={(e) => setDrillDifficulty(e.target.value as Difficulty | '')}
            >
              <option value="">Any</option>
              {DIFFICULTIES.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </div>
        )}
      </fieldset>

      <LevelPicker level={level} onChange={chooseLevel} />

      <RoundPlanEditor
        plan={plan}
        onChange={setPlan}
        // Nothing to reorder in a drill, or when every round is the same (the assessment).
        reorderable={new Set(plan.map((r) => r.id)).size > 1}
      />

      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={starting || included.length === 0}
        >
          {starting ? 'Starting…' : `Start loop · ${included.length} rounds · ${totalMinutes} min`}
        </button>
      </div>
      <ErrorMessage message={startError} />
    </form>
  );
}
