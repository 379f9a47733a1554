import type { Texts } from "../texts";
import type en from "../en/admin-audit";

/** 审计记录页（管理员）。 */
const zhCN: Texts<typeof en> = {
  adminAudit: {
    title: "审计记录",
    intro: "公司内所有已记录的更改，以及成员的登录和密码更改，按时间倒序排列。时间以公司时区显示。",
    filters: {
      label: "筛选审计记录",
      person: "人员",
      anyone: "任何人",
      action: "操作",
      anyAction: "任何操作",
      entity: "记录类型",
      anyEntity: "任何记录",
      from: "开始日期",
      to: "结束日期",
      apply: "筛选",
      clear: "清除筛选",
    },
    export: "导出 CSV",
    columns: {
      when: "时间",
      person: "人员",
      action: "操作",
      record: "记录",
      details: "详情",
    },
    empty: "没有符合这些筛选条件的审计事件。",
    newest: "最新记录",
    older: "更早的记录",
    system: "系统",
    formerMember: "前成员",
    fromAddress: "来自 {{ip}}",
    emailTried: "地址 {{email}}",
    changes: "更改",
    entities: {
      agreement: "协议",
      band_proposal: "区间提案",
      replenishment_plan: "补货计划",
      shipment: "发货",
      tenant: "公司",
      supplier: "供应商",
      location: "站点",
      item: "物料",
      import: "导入",
      api_key: "API 密钥",
      alert_rule: "预警规则",
      invitation: "邀请",
      membership: "成员资格",
      user: "账户",
    },
    actions: {
      agreement: {
        create: "创建了协议",
        update: "修改了协议条款",
        end: "终止了协议",
      },
      band_proposal: {
        propose: "提出了新区间",
        withdraw: "撤回了区间提案",
        accept: "接受了区间提案",
        reject: "拒绝了区间提案",
      },
      plan: {
        create: "创建了补货计划",
        update: "修改了计划草稿",
        submit: "提交了计划",
        withdraw: "撤回了计划",
        request_changes: "要求修改计划",
        revise: "开始了计划的新版本",
        auto_approve: "自动批准了计划",
        decide_step: "完成了计划的审批步骤",
        approve: "批准了计划",
        partially_approve: "部分批准了计划",
        reject: "拒绝了计划",
      },
      shipment: {
        record: "登记了发货（ASN）",
        receive: "登记了收货",
        correct: "修改了发货通知单",
        cancel: "取消了发货通知单",
        overdue: "通知双方发货通知单已逾期",
      },
      metrics: {
        recomputed: "重新计算了计划数据",
      },
      tenant: {
        setup: "设立了公司",
        create: "创建了公司",
        settings: {
          update: "修改了策略与设置",
        },
      },
      supplier: {
        create: "添加了供应商",
        update: "修改了供应商",
        status: "更改了供应商状态",
      },
      site: {
        create: "添加了站点",
        update: "修改了站点",
      },
      item: {
        create: "添加了物料",
        update: "修改了物料",
      },
      import: {
        commit: "导入了文件",
        batch: "通过 API 导入了一批数据",
      },
      api_key: {
        create: "创建了 API 密钥",
        revoke: "撤销了 API 密钥",
      },
      alert_rule: {
        create: "创建了预警规则",
        update: "修改了预警规则",
        enable: "启用了预警规则",
        disable: "停用了预警规则",
        delete: "删除了预警规则",
      },
      invitation: {
        create: "邀请了人员",
        resend: "重新发送了邀请",
        revoke: "撤销了邀请",
        accept: "接受了邀请",
      },
      membership: {
        role_change: "更改了成员角色",
        deactivate: "停用了成员",
        reactivate: "重新启用了成员",
      },
      auth: {
        sign_in: "登录",
        sign_in_failed: "登录失败",
        password_changed: "修改了密码",
        password_change_failed: "修改密码失败",
        account_created: "创建了登录账户",
      },
      password: {
        reset: "通过链接重置了密码",
      },
    },
    errors: {
      person: "请从列表中选择人员。",
      action: "请从列表中选择操作。",
      entity: "请从列表中选择记录类型。",
      date: "请按 YYYY-MM-DD 格式输入日期。",
      range: "结束日期早于开始日期。",
    },
  },
};

export default zhCN;
