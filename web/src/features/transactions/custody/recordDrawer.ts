import { ref } from 'vue'

/** The one records drawer of a custody page (mounted by the page, opened by any right's number on it). */
export const drawerRecordId = ref<number | null>(null)
export const drawerOpen = ref(false)

export function openRecord(id: number): void {
  drawerRecordId.value = id
  drawerOpen.value = true
}
