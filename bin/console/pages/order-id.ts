/** The order an event or message is about, wherever its source puts it. */
export function orderIdOf(value: unknown): string | undefined {
  const v = value as {
    detail?: {
      orderId?: unknown;
      orderIdentifier?: { orderId?: unknown };
      data?: { object?: { metadata?: { orderId?: unknown } } };
    };
  };
  const d = v?.detail;
  const id = d?.orderId ?? d?.orderIdentifier?.orderId ?? d?.data?.object?.metadata?.orderId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
