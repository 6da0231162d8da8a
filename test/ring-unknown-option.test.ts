// A misspelt Ring option is an error, not a silently ignored key.
import { Ring } from '../lib';

test('an unknown option key throws ERR_INVALID_ARG_VALUE naming the key', () => {
  expect(() => new Ring({ entires: 8 } as never)).toThrow(expect.objectContaining({
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The property 'options.entires' is not a Ring option (entries, cqEntries, flags, sqThreadIdle). Received 8",
  }));
});

test('the known keys, an undefined value and inherited keys are accepted', () => {
  const options = Object.assign(Object.create({ inherited: 1 }), { entries: 4, cqEntries: 8, flags: 0, sqThreadIdle: undefined });
  const ring = new Ring(options);
  expect(ring.sqEntries).toBe(4);
  ring.close();
});
