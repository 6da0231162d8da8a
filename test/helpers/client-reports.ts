// The reports of a client app (test/fixtures/clients) run with and without uring/register:
// checks that neither failed, that register was active in the one and absent in the other,
// and returns both without their `register` part, to be compared.
import type { Compared } from './app-dir';

interface ClientReport {
  register?: { backend?: string; fsRead: string };
  failed?: string;
  [key: string]: unknown;
}

export function clientReports({ node, uring }: Compared<ClientReport>): Compared<Record<string, unknown>> {
  expect(node.failed).toBeUndefined();
  expect(uring.failed).toBeUndefined();
  expect(node.register).toEqual({ fsRead: 'node' });
  expect(uring.register).toEqual({ backend: 'io_uring', fsRead: 'uring' });
  const { register: _n, ...n } = node;
  const { register: _u, ...u } = uring;
  return { node: n, uring: u };
}
