/** `npm run content:check`: validates every content file and prints the coverage tables. */
import { ContentError, DEFAULT_CONTENT_DIR, loadCatalog } from './load';
import { checkCoverage, formatCoverage, readCoverage } from './coverage';

const dir = process.env.CONTENT_DIR ?? DEFAULT_CONTENT_DIR;
try {
  const report = checkCoverage(loadCatalog(dir), readCoverage(dir));
  process.stdout.write(`${formatCoverage(report)}\n\n`);
  if (report.gaps.length) {
    process.stderr.write(
      `content check: ${report.gaps.length} gaps\n${report.gaps.map((g) => `  - ${g}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  process.stdout.write('content check: every file valid, no coverage gap\n');
} catch (error) {
  process.stderr.write(`${error instanceof ContentError ? error.message : String(error)}\n`);
  process.exit(1);
}
