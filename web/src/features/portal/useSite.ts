import { ref } from 'vue'
import { getSite, listPublished, type ContentSummary, type SiteSettings } from './api'

/**
 * The site's header and footer texts and the published pages (联系我们, 网站声明) the footer links to, fetched once per visit
 * and shared by every public page; `reloadSite` after the admin saves the settings.
 */
const site = ref<SiteSettings | null>(null)
const pages = ref<ContentSummary[]>([])
let pending: Promise<void> | null = null

async function fetchSite(): Promise<void> {
  try {
    const [s, p] = await Promise.all([getSite(), listPublished('page', 1, 20)])
    site.value = s
    pages.value = p.items
  } catch {
    // the frame shows the platform's own name and no footer lines when the settings cannot be read
  }
}

export function useSite() {
  if (!pending) pending = fetchSite()
  return { site, pages }
}

export function reloadSite(): Promise<void> {
  pending = fetchSite()
  return pending
}
