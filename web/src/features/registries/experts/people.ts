/** Lines pasted from a sheet: name, unit, phone separated by tabs, commas or runs of spaces; blank lines skipped. */
export function parsePeople(text: string): { name: string; unitName: string | null; phone: string | null }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [name = '', unitName, phone] = line
        .split(/\t|,|\uFF0C|\s+/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
      return { name, unitName: unitName ?? null, phone: phone ?? null }
    })
}
