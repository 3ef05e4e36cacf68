// The diacritic fold in the browser: the site search (src/search/search.js) and the violations
// filter (themes/mac-dinh/static/vi-pham.js) must fold what a resident types exactly as pccc
// folds the pages (src/text.rs), or "duong" stops finding "đường". Both scripts, as they are
// served, are checked against the word list the Rust test checks text::fold against:
// tests/fixtures/fold.tsv. Needs no browser: `node --test fold.test.js`.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'fold.tsv');

// Each script exports its fold when loaded as a module (and runs nothing else).
const SCRIPTS = {
  'search.js': require(path.join(REPO, 'src', 'search', 'search.js')).fold,
  'vi-pham.js': require(path.join(REPO, 'themes', 'mac-dinh', 'static', 'vi-pham.js')).fold,
};

/** The entries of fold.tsv: { line, input, folded }, comments and blank lines skipped. */
function entries() {
  return fs.readFileSync(FIXTURE, 'utf8').split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text !== '' && !text.startsWith('#'))
    .map(({ text, line }) => {
      const tab = text.indexOf('\t');
      assert.ok(tab > 0, `fold.tsv line ${line} has no folded form (run PCCC_BLESS=1 cargo test --test integration fold)`);
      return { line, input: text.slice(0, tab), folded: text.slice(tab + 1) };
    });
}

test('the word list holds every vowel and tone, composed and decomposed', () => {
  const list = entries();
  assert.ok(list.length >= 300, `${list.length} entries`);
  const inputs = new Set(list.map((e) => e.input));
  // Spot checks that the file was read as written (the Rust test checks the whole list).
  for (const letter of ['ặ', 'Ữ', 'ỵ', 'đ', 'Đ', 'ỗ'.normalize('NFD'), 'Ở'.normalize('NFD')]) {
    assert.ok(inputs.has(letter), `${letter} (${letter.length} UTF-16 units) missing`);
  }
});

for (const [name, fold] of Object.entries(SCRIPTS)) {
  test(`${name} folds every entry as pccc does`, () => {
    assert.equal(typeof fold, 'function', `${name} exports no fold`);
    const wrong = entries()
      .filter((e) => fold(e.input) !== e.folded)
      .map((e) => `line ${e.line}: fold(${JSON.stringify(e.input)}) is ${JSON.stringify(fold(e.input))}, pccc gives ${JSON.stringify(e.folded)}`);
    assert.deepEqual(wrong, []);
  });
}
