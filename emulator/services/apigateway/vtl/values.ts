/** How JSON values appear to a template. */

/**
 * A JSON `null` reaching Velocity is a null reference: `$x` renders as its own text and `$!x` as
 * nothing, as on the JVM. velocityjs treats only `undefined` that way.
 */
export function toVelocityValue(value: unknown): unknown {
  return value === null ? undefined : value;
}
