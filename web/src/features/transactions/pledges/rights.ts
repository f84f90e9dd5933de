/** The rights typed as numbers, one or more per line (separated by 、，; or spaces), as the API takes them. */
export function rightsFrom(patents: string, trademarks: string): { kind: string; number: string }[] {
  const split = (s: string) => s.split(/[\s,\uFF0C;\uFF1B\u3001]+/).filter((x) => x.length > 0)
  return [
    ...split(patents).map((number) => ({ kind: 'patent', number })),
    ...split(trademarks).map((number) => ({ kind: 'trademark', number })),
  ]
}

/** The field errors of the rights (rights, rights[0].number …) as one line under the rights inputs. */
export function rightsError(errors: Record<string, string>): string | undefined {
  const list = Object.entries(errors)
    .filter(([k]) => k.startsWith('rights'))
    .map(([, v]) => v)
  return list.length ? list.join(' / ') : undefined
}
