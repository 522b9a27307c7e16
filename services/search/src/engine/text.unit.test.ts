// Normalisation and query text: what gets indexed and what a query looks for, identically on both databases.
import { describe, expect, it } from 'vitest';
import {
  displayQuery,
  fold,
  indexText,
  prefixTsQuery,
  queryGroups,
  searchedGroups,
  termTokens,
  tsQuery,
  wordGroups,
} from './text.ts';

describe('fold', () => {
  it('lower-cases and removes accents (NFD), so "Café" and "CAFE" meet', () => {
    expect(fold('Café CRÈME Brûlée Ação İstanbul')).toBe('cafe creme brulee acao istanbul');
  });
});

describe('index tokens', () => {
  it('split on punctuation and keep the joined form of a hyphenated word', () => {
    expect(indexText('Basic Cotton T-Shirt')).toBe('basic cotton t shirt tshirt');
    expect(indexText('100% cotton, USB-C!')).toBe('100 cotton usb c usbc');
  });

  it('are letters and digits only, so the text-search parser has nothing to interpret', () => {
    expect(indexText("O'Neill <script>alert('x')</script> a&b | c:* 'd'")).toMatch(/^[\p{L}\p{N} ]*$/u);
  });

  it('give sorted unique terms of two letters or more', () => {
    expect(termTokens('T-Shirt', 'Shirt Co', 'a')).toEqual(['co', 'shirt', 'tshirt']);
  });
});

describe('query words', () => {
  it('echo the folded word and drop stopwords unless nothing else is left', () => {
    const groups = searchedGroups(queryGroups('Shirts for the Beach!'));
    expect(groups.map((g) => g.display)).toEqual(['shirts', 'beach']);
    expect(searchedGroups(queryGroups('the')).map((g) => g.joined)).toEqual(['the']);
    expect(queryGroups('a b c d e f g h i j k l')).toHaveLength(10);
    expect(displayQuery(wordGroups('  T-Shirt,  Blue '))).toBe('t-shirt blue');
  });

  it('vanish when they hold no letter or digit', () => {
    expect(wordGroups('%%% ... --')).toEqual([]);
  });

  it('build tsquery text: all or any word, a hyphenated word as joined form or all its parts', () => {
    const groups = wordGroups('blue t-shirt');
    expect(tsQuery(groups, 'all')).toBe("'blue' & ('tshirt' | 't' & 'shirt')");
    expect(tsQuery(groups, 'any')).toBe("'blue' | ('tshirt' | 't' & 'shirt')");
  });

  it('build completion text: titles only, the last word a prefix', () => {
    expect(prefixTsQuery(wordGroups('running sh'))).toBe("'running':A & 'sh':*A");
    expect(prefixTsQuery(wordGroups('t-sh'))).toBe("('tsh':*A | 't':A & 'sh':*A)");
  });
});
