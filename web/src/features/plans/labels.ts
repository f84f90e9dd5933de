/** Task and report statuses shown in this feature. */
export const TASK_STATUS: Record<string, { label: string; type: 'info' | 'warning' | 'success' }> = {
  not_started: { label: '未开始', type: 'info' },
  in_progress: { label: '推进中', type: 'warning' },
  completed: { label: '已完成', type: 'success' },
}

export const REPORT_PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/

/** Form rules of the progress report (the server checks the same and answers with Chinese field errors). */
export const reportRules = {
  period: [
    { required: true, message: '请填写报告期', trigger: 'blur' },
    { pattern: REPORT_PERIOD_PATTERN, message: '报告期格式应为 2025、2025-06、2025-Q2 或 2025-H1', trigger: 'blur' },
  ],
  content: [{ required: true, message: '请填写进展情况', trigger: 'blur' }],
  percent: [{ required: true, type: 'number', min: 0, max: 100, message: '完成进度应在 0 至 100 之间', trigger: 'change' }],
}
