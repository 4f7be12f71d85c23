import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCheck, finding } from '../check.ts';
import { pathOfFile } from '../site-pages.ts';

/**
 * HTML validity with the Nu HTML Checker (the `vnu-jar` package's vnu.jar) on
 * the machine's Java. All of a site's pages go through one JVM; JIT tier 1 and
 * the serial collector cut the checker's start-up from ~6 s to ~3 s here.
 * Never downloads a Java runtime (the package's own fallback would).
 */
export interface HtmlMessage {
  file: string;
  line: number | null;
  message: string;
  extract: string | null;
}

export interface HtmlValidity {
  errors: HtmlMessage[];
  warnings: number;
  checker: string;
}

export function vnuJarPath(): string {
  return join(createRequire(import.meta.url).resolve('vnu-jar'), '..', 'build', 'dist', 'vnu.jar');
}

export function validateHtml(java: string, root: string, files: string[]): Promise<HtmlValidity> {
  if (!files.length) return Promise.resolve({ errors: [], warnings: 0, checker: 'vnu' });
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xss2m',
    '-jar',
    vnuJarPath(),
    '--format',
    'json',
    '--stdout',
    '--exit-zero-always',
    ...files.map((f) => join(root, f)),
  ];
  return new Promise((resolve, reject) => {
    execFile(java, args, { maxBuffer: 64 * 2 ** 20, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`The Nu HTML Checker failed to run: ${stderr.trim() || error.message}`));
        return;
      }
      let parsed: {
        version?: string;
        messages: {
          type: string;
          subType?: string;
          url?: string;
          lastLine?: number;
          message: string;
          extract?: string;
        }[];
      };
      try {
        parsed = JSON.parse(stdout);
      } catch {
        reject(
          new Error(
            `The Nu HTML Checker printed something that is not its JSON report: ${stdout.slice(0, 200)}`,
          ),
        );
        return;
      }
      const out: HtmlValidity = { errors: [], warnings: 0, checker: `vnu ${parsed.version ?? ''}`.trim() };
      for (const m of parsed.messages) {
        if (m.type === 'info') {
          if (m.subType === 'warning') out.warnings++;
          continue;
        }
        out.errors.push({
          file: m.url?.startsWith('file:') ? relative(root, fileURLToPath(m.url)) : (m.url ?? '?'),
          line: m.lastLine ?? null,
          message: m.type === 'non-document-error' ? `could not check: ${m.message}` : m.message,
          extract: m.extract?.trim() ?? null,
        });
      }
      resolve(out);
    });
  });
}

export default defineCheck({
  id: 'html-validity',
  title: 'HTML validity',
  order: 20,
  needs: ['java', 'root', 'pages'],
  kinds: { error: { plural: 'HTML errors' } },
  async run({ java, root, pages }) {
    const html = await validateHtml(java, root, pages.files);
    return {
      findings: html.errors.map((e) =>
        finding(
          'error',
          e.file.endsWith('.html') ? pathOfFile(e.file) : null,
          `HTML error in ${e.file}${e.line ? ` line ${e.line}` : ''}: ${e.message}`,
        ),
      ),
      lines: [
        {
          pass: !html.errors.length,
          text: `HTML validity: ${html.errors.length} errors, ${html.warnings} warnings (${html.checker})`,
        },
      ],
      summary: { html_errors: html.errors.length },
      tools: { html_checker: html.checker },
      data: html,
    };
  },
});
