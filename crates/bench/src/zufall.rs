//! xorshift64*: small, fast, reproducible random numbers for the benchmarks' generators.

#[derive(Debug)]
pub(crate) struct Zufall(u64);

impl Zufall {
    pub(crate) fn neu(seed: u64) -> Zufall {
        Zufall(seed.max(1))
    }

    /// An independent stream per `strom` (SplitMix64 of seed and stream), so neighbouring client
    /// tasks get unrelated sequences.
    pub(crate) fn strom(seed: u64, strom: u64) -> Zufall {
        let mut z = seed ^ strom.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Zufall((z ^ (z >> 31)).max(1))
    }

    pub(crate) fn zahl(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn bis(&mut self, n: u64) -> u64 {
        self.zahl() % n.max(1)
    }

    pub(crate) fn chance(&mut self, prozent: u64) -> bool {
        self.bis(100) < prozent
    }
}
