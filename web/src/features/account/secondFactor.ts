/** Helpers of the second factor panel, free of components (tested in tests/account.test.ts). */

/**
 * The QR code SVG the server sends, as a data: URI for an `<img>` (never inserted as markup: an image cannot run script).
 * Encoded as UTF-8 first, since `btoa` takes only Latin-1.
 */
export function svgDataUri(svg: string): string {
  const bytes = new TextEncoder().encode(svg)
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return `data:image/svg+xml;base64,${btoa(binary)}`
}

/** The text file of recovery codes: a header, a note, then one code a line (CRLF, so that Notepad shows the lines). */
export function recoveryCodesText(header: string, note: string, codes: readonly string[]): string {
  return [header, note, '', ...codes, ''].join('\r\n')
}
