// The environment `npm start` gives the server process (package.json's start script sets the same, inline, for node
// itself), for the benches and browser tests that start the bundle the same way.
//
// MALLOC_MMAP_THRESHOLD_: glibc serves allocations of 128 KiB and more from mappings of their own, returned to the OS
// when freed. By default it raises that threshold each time such a block is freed (up to 32 MiB), and the embedded
// database's first start frees buffers of tens of MiB (initdb's data directory image): the later large buffers then
// came from the main heap, which fragmented and kept ~50 MiB resident for good (idle RSS after a fresh start with the
// demo 416 → 330 MiB). Ignored by other C libraries.
export const START_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' } as const;
