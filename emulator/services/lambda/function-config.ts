/** What the runtime needs to run one function: where its bundle is and how it is configured. */
export interface FunctionConfig {
  readonly functionName: string;
  readonly functionArn: string;
  /** `<module>.<export>`, e.g. `index.handler`. */
  readonly handler: string;
  /** Folder holding the bundled code (a cdk.out asset folder). */
  readonly codeDir: string;
  /** The function's own environment variables, already resolved. */
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** @default - unreserved: limited by the runtime's per-function cap */
  readonly reservedConcurrency?: number;
}

/** Settings every function gets from the emulator: where AWS is and who it is. */
export interface RuntimeEnvironment {
  /** The emulator's edge, e.g. `http://127.0.0.1:4566`. */
  readonly awsEndpoint: string;
  readonly region: string;
  readonly accountId: string;
}
