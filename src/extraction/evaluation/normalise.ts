/** The one normalisation both sides of a comparison go through: surface forms are equal when these are. */
export function normaliseForm(form: string): string {
  return form
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s\b/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^the /u, '');
}

export function normalisedSet(forms: readonly string[]): Set<string> {
  return new Set(forms.map(normaliseForm).filter((form) => form.length > 0));
}
