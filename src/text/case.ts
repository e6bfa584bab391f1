/**
 * Case conversions with the word rules of Rust's `heck` crate, which Golem's minijinja filters
 * use: words break at anything not a letter or digit, at a lower→upper change (`fooBar`) and
 * before the last capital of an acronym (`HTTPServer` → `HTTP`, `Server`).
 */
export function words(text: string): string[] {
  const out: string[] = [];
  // ASCII text (nearly every name) splits without the Unicode-property pattern, whose first use
  // costs V8 about a millisecond (it builds the Unicode sets); the two patterns agree on ASCII.
  for (const chunk of text.split(/^[\x00-\x7f]*$/.test(text) ? /[^A-Za-z0-9]+/ : /[^\p{L}\p{N}]+/u)) {
    if (!chunk) continue;
    let word = '';
    const chars = [...chunk];
    chars.forEach((ch, i) => {
      const prev = chars[i - 1];
      const next = chars[i + 1];
      const isUpper = (c?: string) => c !== undefined && c !== c.toLowerCase();
      const isLower = (c?: string) => c !== undefined && c !== c.toUpperCase();
      const boundary = word !== '' && isUpper(ch) && (isLower(prev) || (isUpper(prev) && isLower(next)));
      if (boundary) {
        out.push(word);
        word = '';
      }
      word += ch;
    });
    if (word) out.push(word);
  }
  return out;
}

const lower = (w: string) => w.toLowerCase();
const upper = (w: string) => w.toUpperCase();
const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** Golem's filter names (model/app.rs `template_env`) → how the words are joined. */
export const CASE_FILTERS: Record<string, (text: string) => string> = {
  to_snake_case: (t) => words(t).map(lower).join('_'),
  to_kebab_case: (t) => words(t).map(lower).join('-'),
  to_lower_camel_case: (t) =>
    words(t)
      .map((w, i) => (i === 0 ? lower(w) : capital(w)))
      .join(''),
  to_upper_camel_case: (t) => words(t).map(capital).join(''),
  to_pascal_case: (t) => words(t).map(capital).join(''),
  to_shouty_snake_case: (t) => words(t).map(upper).join('_'),
  to_shouty_kebab_case: (t) => words(t).map(upper).join('-'),
  to_title_case: (t) => words(t).map(capital).join(' '),
  to_train_case: (t) => words(t).map(capital).join('-'),
};

const filter = (name: string) => CASE_FILTERS[name]!;

/** The same conversions, typed for direct calls. */
export const toSnake = filter('to_snake_case');
export const toCamel = filter('to_lower_camel_case');
export const toPascal = filter('to_pascal_case');
export const toTitle = filter('to_title_case');

/** Letters that Unicode does not decompose into an ASCII letter and a mark, spelt out. */
const SPELT_OUT: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ŋ: 'ng', ħ: 'h' };

/** Latin letters with accents as their ASCII letters (`Café` → `Cafe`, `Straße` → `Strasse`); other scripts are left as they are. */
export function transliterate(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøđðłþıŋħ]/gi, (ch) => {
      const ascii = SPELT_OUT[ch.toLowerCase()]!;
      return ch === ch.toLowerCase() ? ascii : ascii.charAt(0).toUpperCase() + ascii.slice(1);
    });
}

/**
 * A name made of lowercase ASCII letters and digits joined by single `-` (`My Café.git` →
 * `my-cafe-git`): how folder and repository names become template, registry and namespace names.
 * Accented letters are transliterated first; what has no ASCII form is dropped (so the result
 * may be empty).
 */
export function slug(text: string): string {
  return transliterate(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
