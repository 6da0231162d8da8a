// serve-static 2.2.1 (test/fixtures/clients/serve-static.cjs) as middleware over node:http
// under uring/register: the same responses and the same errors handed to its final handler as
// without it (setHeaders, ranges, 404/403, 304, HEAD, the trailing-slash redirect).
import { useAppDir, withAndWithoutRegister } from '../helpers/app-dir';
import { clientReports } from '../helpers/client-reports';

const app = useAppDir('clients', ['serve-static']);

test('serve-static serves the same responses under --import uring/register as on node:fs', () => {
  const { node, uring } = clientReports(withAndWithoutRegister(app(), 'serve-static.cjs'));
  expect(uring).toEqual(node);
  expect(node.responses).toMatchObject({
    'GET /big.bin Range: bytes=1000-': { status: 206, 'content-length': '1047699', 'x-served-by': 'serve-static big.bin' },
    'If-Modified-Since': { status: 304 },
    'GET /dir': { status: 301, location: '/dir/' },
    'GET /dir/': { status: 200, body: '12 9905c653e43e' },
    '40 concurrent ranges, bodies as expected': 40,
  });
  expect(node.errors).toEqual(expect.arrayContaining(['/missing 404 ENOENT', '/a.txt/ 404 ENOTDIR']));
}, 120000);
