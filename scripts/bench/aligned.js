'use strict';
// Page-aligned buffers for the JS backends, as the C reference gets them from
// posix_memalign(4096): where a buffer starts within a page changes the kernel's copy speed
// (1 MiB reads into a buffer 16 bytes past a page boundary ran at half the speed), so every
// backend reads and writes at the same alignment.
const path = require('node:path');

const PAGE = 4096;

function alignedBuffer(size, fill = 0) {
  const raw = Buffer.alloc(size + PAGE, fill);
  let binding;
  try {
    binding = require(path.join(__dirname, '..', '..', 'dist', 'native')).tryBinding();
  } catch {
    binding = undefined;
  }
  if (binding === undefined) return raw.subarray(0, size); // no addon: as allocated
  const skip = (PAGE - (binding.addressOf(raw) % PAGE)) % PAGE;
  return raw.subarray(skip, skip + size);
}

module.exports = { alignedBuffer };
