import fc from 'fast-check';

// Every property replays the same cases on every run, so a red CI run is reproducible and a green one means the same
// thing twice. PLANSIGHT_FC_SEED=random explores new cases (a failure prints its seed); PLANSIGHT_FC_SEED=<n> replays one.
const seed = process.env.PLANSIGHT_FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 20261121 });
