export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __EMBEDDED__?: { stop(): Promise<void> } }).__EMBEDDED__;
  await server?.stop();
}
