import type { MenuItem } from './access'

export interface Crumb {
  title: string
  path?: string
}

/**
 * The breadcrumbs of a page: 首页, then the menu group and entry the path falls under (the longest menu path that prefixes
 * it), then the page's own title when it is not that entry's (a plan, a case). Titles are i18n keys.
 */
export function breadcrumbs(path: string, pageTitle: string | undefined, menu: readonly MenuItem[]): Crumb[] {
  const crumbs: Crumb[] = [{ title: 'menu.home', path: '/' }]
  if (path === '/' || path === '') return crumbs
  let best: { group?: MenuItem; leaf: MenuItem } | null = null
  const consider = (leaf: MenuItem, group?: MenuItem) => {
    const p = leaf.path
    if (!p || p === '/') return
    if ((path === p || path.startsWith(`${p}/`)) && (!best || p.length > (best.leaf.path ?? '').length)) best = { group, leaf }
  }
  for (const item of menu) {
    if (item.children) for (const c of item.children) consider(c, item)
    else consider(item)
  }
  const found = best as { group?: MenuItem; leaf: MenuItem } | null
  if (found?.group) crumbs.push({ title: found.group.title })
  if (found) crumbs.push({ title: found.leaf.title, path: found.leaf.path })
  if (pageTitle && pageTitle !== found?.leaf.title && pageTitle !== found?.group?.title) crumbs.push({ title: pageTitle })
  return crumbs
}
