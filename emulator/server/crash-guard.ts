/**
 * For the emulator's own processes (`npm run emulator`, `npm start`): a failure no request handler
 * caught (a rejected promise nobody awaited, a throw in a timer) is logged and the emulator keeps
 * serving, instead of Node's default of ending the process and every service with it. State is
 * safe either way: acknowledged changes are already on disk.
 */
export function keepServingOnStrayErrors(log: (message: string) => void = (m) => console.error(m)): void {
  const report = (kind: string) => (error: unknown) =>
    log(
      `[emulator] ${kind}, still serving: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  process.on('unhandledRejection', report('unhandled rejection'));
  process.on('uncaughtException', report('uncaught exception'));
}
