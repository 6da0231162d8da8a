// send 1.2.1 (test/fixtures/clients/send.cjs) serving a folder over node:http under
// uring/register: the same statuses, headers and bodies as without it, for ranges, 404s,
// conditional requests, HEAD, redirects and 40 concurrent ranges of a 1 MiB file.
import { useAppDir, withAndWithoutRegister } from '../helpers/app-dir';
import { clientReports } from '../helpers/client-reports';

const app = useAppDir('clients', ['send']);

test('send serves the same responses under --import uring/register as on node:fs', () => {
  const { node, uring } = clientReports(withAndWithoutRegister(app(), 'send.cjs'));
  expect(uring).toEqual(node);
  expect(node.responses).toMatchObject({
    'GET /big.bin Range: bytes=-100': { status: 206, 'content-range': 'bytes 1048599-1048698/1048699' },
    'GET /big.bin Range: bytes=1048699-': { status: 416 },
    'If-None-Match': { status: 304 },
    'HEAD /a.txt': { status: 200, 'content-length': '17', body: '0 da39a3ee5e6b' },
    'GET /missing': { status: 404 },
    'GET /dir': { status: 301, location: '/dir/' },
    '40 concurrent ranges, bodies as expected': 40,
  });
}, 120000);
