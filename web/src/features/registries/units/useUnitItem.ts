import { computed, onMounted, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter, type RouteLocationRaw } from 'vue-router'
import { ElMessage, ElMessageBox } from 'element-plus'
import { notifyError } from '@/api/notify'
import { can } from '@/app/access'
import { useSessionStore } from '@/stores/session'
import { unitOptions, type UnitOptions } from './api'

/**
 * What the detail pages of the units registers share (pilot unit, GI, plant variety, 非遗 item): loading the item and the
 * controlled lists, whether the user may edit (staff only, ADR 0028), going back to the list, and deleting after a
 * confirmation that names the item.
 */
export function useUnitItem<D>(opts: {
  get: () => Promise<D>
  remove: () => Promise<unknown>
  /** The name the delete confirmation shows. */
  name: (d: D) => string
  back: RouteLocationRaw
}) {
  const { t } = useI18n()
  const router = useRouter()
  const session = useSessionStore()
  const canEdit = computed(() => can('registries.unitsManage', session.user?.role))
  const detail = ref(null) as Ref<D | null>
  const options = ref<UnitOptions | null>(null)
  const editing = ref(false)
  const back = () => router.push(opts.back)

  async function load() {
    try {
      detail.value = await opts.get()
    } catch (e) {
      notifyError(e)
    }
  }
  onMounted(async () => {
    await load()
    options.value = await unitOptions().catch(() => null)
  })
  async function remove() {
    if (!detail.value) return
    try {
      await ElMessageBox.confirm(t('regUnits.common.confirmDelete', { name: opts.name(detail.value) }), { type: 'warning' })
      await opts.remove()
      ElMessage.success(t('regUnits.common.deleted'))
      await back()
    } catch (e) {
      if (e !== 'cancel') notifyError(e)
    }
  }
  return { t, canEdit, detail, options, editing, back, load, remove }
}
