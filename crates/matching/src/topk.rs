//! The best k rows seen so far, in ranking order (points desc, id asc).

#[derive(Debug)]
pub(crate) struct TopK {
    k: usize,
    /// (points, id, group, row), sorted best first.
    pub eintraege: Vec<(u32, u64, u32, u32)>,
}

impl TopK {
    pub fn neu(k: usize) -> TopK {
        TopK { k, eintraege: Vec::with_capacity(k + 1) }
    }

    /// Could a row with at most `punkte` points still enter?
    #[inline]
    pub fn koennte(&self, punkte: u32) -> bool {
        self.eintraege.len() < self.k || self.eintraege.last().is_some_and(|l| punkte >= l.0)
    }

    /// Can nothing with at most `punkte` points enter any more? (strict: a tie may still win
    /// by its smaller id)
    pub fn voll_ueber(&self, punkte: u32) -> bool {
        self.eintraege.len() >= self.k && self.eintraege.last().is_some_and(|l| l.0 > punkte)
    }

    #[inline]
    pub fn rein(&mut self, punkte: u32, id: u64, gruppe: u32, zeile: u32) {
        if self.k == 0 {
            return;
        }
        if self.eintraege.len() >= self.k
            && let Some(l) = self.eintraege.last()
            && !crate::bewertung::vor((punkte, id), (l.0, l.1))
        {
            return;
        }
        let mut i = self.eintraege.len();
        while i > 0 && crate::bewertung::vor((punkte, id), (self.eintraege[i - 1].0, self.eintraege[i - 1].1)) {
            i -= 1;
        }
        self.eintraege.insert(i, (punkte, id, gruppe, zeile));
        self.eintraege.truncate(self.k);
    }
}
