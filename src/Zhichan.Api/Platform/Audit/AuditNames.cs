namespace Zhichan.Api.Platform.Audit;

/// <summary>
/// The Chinese names of the audit log's actions and objects, so that the log reads as a record of what people did, not as
/// codes. An action or table missing here is shown as its code (and should be added).
/// </summary>
public static class AuditNames
{
    public static readonly IReadOnlyDictionary<string, string> Actions = new Dictionary<string, string>
    {
        ["create"] = "新建", ["evaluate"] = "评估监控预警", ["update"] = "修改", ["delete"] = "删除", ["login"] = "登录", ["logout"] = "退出登录", ["login_failed"] = "登录失败",
        ["login_refused_locked"] = "锁定期间尝试登录", ["locked"] = "账户锁定", ["login_second_factor_failed"] = "动态验证码错误",
        ["password_change"] = "修改本人密码", ["password_reset"] = "重置密码", ["role_change"] = "变更角色", ["unit_change"] = "变更单位",
        ["activate"] = "启用账户", ["deactivate"] = "停用账户", ["second_factor_setup"] = "生成双因素密钥", ["second_factor_enable"] = "启用双因素认证",
        ["second_factor_disable"] = "停用双因素认证", ["enqueue"] = "提交后台任务", ["purge"] = "定期清理", ["retry"] = "重新执行",
        ["review"] = "审核", ["review_correction"] = "审核更正", ["report_correction"] = "填报更正", ["recompute"] = "重新计算", ["publish_import"] = "录入公开数据", ["import"] = "导入",
        ["auto_score"] = "自动评分", ["publish"] = "发布", ["export"] = "导出", ["print"] = "打印", ["read"] = "已读", ["upload"] = "上传",
        ["new_version"] = "生成新版本", ["upgrade"] = "补充种子数据", ["score"] = "评分",
        ["redraw"] = "重新抽取", ["unpublish"] = "撤回公开",
        ["merge"] = "合并主体", ["split"] = "拆分主体", ["add_name"] = "登记曾用名/别名", ["rename"] = "主体更名", ["set_link"] = "人工关联记录",
        ["reveal_contacts"] = "查看联系人完整信息", ["resolve"] = "解析申请人",
    };

    public static readonly IReadOnlyDictionary<string, string> Entities = new Dictionary<string, string>
    {
        ["users"] = "用户", ["org_units"] = "单位", ["imports"] = "数据导入", ["import_mappings"] = "列映射", ["jobs"] = "后台任务", ["notifications"] = "通知",
        ["indicator_definitions"] = "指标定义", ["indicator_values"] = "指标数值", ["ref_population"] = "人口数", ["custom_units"] = "自定义考核单元",
        ["plans"] = "工作方案", ["plan_tasks"] = "重点任务", ["plan_goal_shares"] = "目标分解", ["progress_reports"] = "进展报告", ["progress_report_files"] = "进展报告附件",
        ["supervision_notices"] = "督查通报", ["assessment_schemes"] = "年度考核", ["assessment_scores"] = "考核评分",
        ["complaints"] = "投诉案件", ["complaint_events"] = "案件办理记录", ["complaint_files"] = "案件文书", ["complaint_investigators"] = "技术调查官",
        ["complaint_mediations"] = "调解", ["complaint_referrals"] = "移送", ["credit_listings"] = "失信名单", ["protection_disclosures"] = "信息公开",
        ["protection_list"] = "保护名录", ["protection_settings"] = "保护设置", ["ref_workday_calendar"] = "工作日历", ["records"] = "知识产权记录",
        ["pilot_units"] = "试点示范单位", ["pilot_unit_evaluations"] = "试点示范单位评价", ["geo_indications"] = "地理标志",
        ["geo_indication_users"] = "地理标志授权使用企业", ["plant_varieties"] = "植物新品种", ["heritage_items"] = "非遗项目",
        ["heritage_inheritors"] = "非遗传承人", ["registry_unit_files"] = "登记簿附件",
        ["agencies"] = "服务机构", ["agency_annual_reports"] = "服务机构年度报告", ["agency_changes"] = "服务机构信息变更", ["agency_events"] = "服务机构评价事项",
        ["agency_grading_rules"] = "分级分类评价规则", ["agency_gradings"] = "分级分类评价结果", ["agency_grading_objections"] = "评价异议",
        ["inspection_items"] = "抽查事项", ["inspectors"] = "执法检查人员", ["inspector_relations"] = "检查人员关联关系", ["inspection_rules"] = "抽取规则",
        ["inspection_draws"] = "双随机抽查", ["inspection_results"] = "抽查结果",
        ["market_listings"] = "供需信息", ["market_listing_rights"] = "供需信息关联的权利", ["market_listing_events"] = "供需信息审核记录",
        ["market_matches"] = "供需匹配结果", ["market_deals"] = "对接记录", ["market_deal_events"] = "对接进展",
        ["entities"] = "创新主体", ["entity_names"] = "主体曾用名/别名", ["entity_labels"] = "主体标签", ["entity_contacts"] = "主体联系人",
        ["entity_corrections"] = "主体更正申请", ["entity_history"] = "主体变更记录",
        ["experts"] = "专家", ["expert_employments"] = "专家工作经历", ["expert_relations"] = "专家利害关系申报", ["expert_documents"] = "专家文件",
        ["pledge_valuations"] = "知识产权评估", ["pledges"] = "质押融资", ["pledge_rights"] = "质押权利", ["pledge_events"] = "质押办理记录",
        ["pledge_pools"] = "风险补偿资金池", ["pledge_pool_contributions"] = "资金池出资", ["pledge_pool_members"] = "入池银行与企业",
        ["pledge_claims"] = "风险补偿申请", ["pledge_claim_payouts"] = "风险补偿拨付",
        ["licence_filings"] = "许可/转让合同备案", ["licence_filing_parties"] = "备案当事人", ["licence_filing_rights"] = "备案涉及的专利/商标",
        ["licence_filing_events"] = "备案办理记录", ["open_licences"] = "开放许可声明",
        ["custody_contracts"] = "托管合同", ["custody_rights"] = "托管权利", ["custody_events"] = "托管合同办理记录", ["custody_watches"] = "关注清单",
        ["custody_payments"] = "年费/续展缴费", ["custody_lapses"] = "托管权利失效记录",
        ["mail_outbox"] = "邮件发送记录",
        ["watches"] = "监控预警", ["watch_hits"] = "预警记录", ["abnormal_filing_groups"] = "非正常申请筛查结果",
        ["briefing_subscriptions"] = "简报订阅", ["briefings"] = "简报",
        ["navigation_projects"] = "专利导航项目", ["navigation_versions"] = "导航报告版本",
        ["portal_content"] = "门户内容（新闻、政策文件、页面）", ["portal_site_settings"] = "门户站点设置",
        ["api_keys"] = "开放接口密钥",
        ["programme_types"] = "申报项目类型", ["programme_calls"] = "申报批次", ["programme_applications"] = "项目申报",
        ["programme_application_events"] = "申报办理记录", ["programme_application_files"] = "申报附件", ["programme_draws"] = "评审专家抽取",
        ["programme_panel_members"] = "评审专家组成员", ["programme_draw_events"] = "专家抽取记录", ["programme_scores"] = "专家评分",
        ["programme_objections"] = "公示异议", ["programme_payments"] = "资金拨付",
        ["appraisals"] = "分析评议申请", ["appraisal_checks"] = "分析评议核查项", ["appraisal_events"] = "分析评议办理记录", ["appraisal_files"] = "分析评议附件",
        ["talents"] = "人才", ["training_events"] = "培训活动", ["training_registrations"] = "培训报名与签到", ["training_check_in_codes"] = "培训签到码",
    };

    public static string Action(string code) => Actions.GetValueOrDefault(code, code);
    public static string Entity(string code) => Entities.GetValueOrDefault(code, code);
}
