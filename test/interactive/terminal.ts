/**
 * A real terminal for the built CLI: a tmux session (100×40) on a private tmux server, driven
 * with send-keys and read with capture-pane. Waits poll the screen (bounded), never sleep blindly.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';

/** Tests may point at another build of the CLI (same layout as bin/), e.g. while dist/ is being rebuilt. */
const CLI = process.env.CGA_TEST_BIN ?? BIN;
const SERVER = `cga-interactive-${process.pid}`;
const WAIT_MS = 30_000;
const POLL_MS = 40;
const EXITED = /\[exit \d+\]\n$/;

let sessions = 0;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SERVER, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Stops this file's tmux server (every session) and removes its socket; call in afterAll. */
export function stopTerminals(): void {
  spawnSync('tmux', ['-L', SERVER, 'kill-server']);
  // tmux leaves the socket file behind; it lives in $TMUX_TMPDIR (default /tmp)/tmux-<uid>/.
  rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, SERVER), { force: true });
}

/** The option rows of the active prompt `message` on `screen`. */
function optionRows(screen: string, message: string, row: RegExp): string[] {
  const active = screen.slice(screen.lastIndexOf(`◆  ${message}`));
  return active
    .split('\n')
    .slice(1)
    .filter((line) => row.test(line));
}

function indexOfLabel(rows: string[], label: string): number {
  const i = rows.findIndex((r) => r.includes(label));
  if (i < 0) throw new Error(`no option '${label}' in:\n${rows.join('\n')}`);
  return i;
}

export class Terminal {
  private constructor(private readonly target: string) {}

  /**
   * Runs `create-golem-app ...args` in `cwd`. The shell prints `[exit N]` when the CLI ends and
   * keeps the pane open so the last screen can still be read.
   */
  static start(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Terminal {
    const env: Record<string, string | undefined> = { TERM: 'xterm-256color', NO_COLOR: '1', npm_config_user_agent: undefined, ...options.env };
    // env(1) wants its options (-u) before the assignments.
    const entries = Object.entries(env);
    const assignments = [...entries.filter(([, v]) => v === undefined).flatMap(([k]) => ['-u', k]), ...entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`)];
    const command = ['env', ...assignments, process.execPath, CLI, ...args].map(quote).join(' ');
    const name = `t${++sessions}`;
    // A Ctrl-C meant for the CLI can land just as it ends: the pane's shell ignores SIGINT (as an
    // interactive shell does; node resets its own signals at startup, so the CLI is unaffected), so
    // it survives to print the exit code even when node dies of the signal in its teardown, and
    // the `sleep` after it survives too; remain-on-exit keeps a dead pane (and the server) readable.
    tmux(
      'new-session',
      '-d',
      '-x',
      '100',
      '-y',
      '40',
      '-s',
      name,
      '-c',
      options.cwd,
      `trap '' INT; ${command}; echo "[exit $?]"; exec sleep 3600`,
      ';',
      'set-option',
      '-w',
      '-t',
      name,
      'remain-on-exit',
      'on',
    );
    return new Terminal(name);
  }

  /** The whole transcript so far (scrollback included), wrapped lines joined, trailing blanks trimmed. */
  screen(options: { escapes?: boolean } = {}): string {
    const text = tmux('capture-pane', '-p', '-J', '-S', '-', ...(options.escapes ? ['-e'] : []), '-t', this.target);
    return `${text.replace(/\s+$/, '')}\n`;
  }

  /** Resolves with the screen once it matches; throws with the screen after WAIT_MS. */
  async waitFor(pattern: string | RegExp): Promise<string> {
    const matches = (s: string) => (typeof pattern === 'string' ? s.includes(pattern) : pattern.test(s));
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const screen = this.screen();
      if (matches(screen)) return screen;
      if (EXITED.test(screen)) throw new Error(`the CLI ended before ${String(pattern)} appeared; screen:\n${screen}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${screen}`);
      await pause(POLL_MS);
    }
  }

  /** Waits for the active prompt (clack marks it ◆) with this message. */
  prompt(message: string): Promise<string> {
    return this.waitFor(`◆  ${message}`);
  }

  /**
   * Answers a select prompt with the option whose label contains `label`, moving the cursor
   * (● marks it) as many rows as needed, whatever the order of the options.
   */
  async select(message: string, label: string): Promise<void> {
    const options = optionRows(await this.prompt(message), message, /^│ {2}[●○] /);
    const from = options.findIndex((row) => row.startsWith('│  ●'));
    const to = indexOfLabel(options, label);
    this.press(...Array<string>(Math.abs(to - from)).fill(to > from ? 'Down' : 'Up'), 'Enter');
  }

  /** Answers a multi-select prompt (cursor on the first row) by ticking the options with these labels. */
  async tick(message: string, labels: string[]): Promise<void> {
    const options = optionRows(await this.prompt(message), message, /^│ {2}[◻◼] /);
    let at = 0;
    for (const to of labels.map((l) => indexOfLabel(options, l)).sort((a, b) => a - b)) {
      this.press(...Array<string>(to - at).fill('Down'), 'Space');
      at = to;
    }
    this.press('Enter');
  }

  /** Waits for the prompt, then presses the keys. */
  async answer(message: string, ...keys: string[]): Promise<void> {
    await this.prompt(message);
    this.press(...keys);
  }

  /** Waits for the text prompt, types `text` and Enter. */
  async reply(message: string, text: string): Promise<void> {
    await this.prompt(message);
    this.type(text).press('Enter');
  }

  /** Types literal text. */
  type(text: string): this {
    tmux('send-keys', '-t', this.target, '-l', text);
    return this;
  }

  /** Presses keys by tmux name: Enter, Space, Up, Down, Escape, C-c, C-u, y, n … */
  press(...keys: string[]): this {
    for (const key of keys) tmux('send-keys', '-t', this.target, key);
    return this;
  }

  /** Waits for the CLI to end and returns its exit code. */
  async exitCode(): Promise<number> {
    const screen = await this.waitFor(/\[exit \d+\]/);
    return Number(/\[exit (\d+)\]/.exec(screen)![1]);
  }

  /** The transcript without the `[exit N]` line the test harness adds. */
  transcript(): string {
    return this.screen().replace(/\n?\[exit \d+\]\n$/, '\n');
  }

  close(): void {
    spawnSync('tmux', ['-L', SERVER, 'kill-session', '-t', this.target]);
  }
}
