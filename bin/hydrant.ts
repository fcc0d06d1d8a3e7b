/** The `hydrant` operator CLI. See `hydrant --help` and the README's "Operating hydrant". */
import { runCli } from './cli/run';

// The SDK warns on every run that its 2027 releases will need Node 22; Node 20 is supported here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const abort = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // First signal: let the command stop and clean up (events tail deletes its rule and queue).
    // A second one, or a command that does not stop within 5 s, ends the process.
    if (abort.signal.aborted) process.exit(130);
    abort.abort();
    setTimeout(() => process.exit(130), 5000).unref();
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // A getter: process.stdin is opened only by a command that reads a secret from it.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  cwd: process.cwd(),
  signal: abort.signal,
});
