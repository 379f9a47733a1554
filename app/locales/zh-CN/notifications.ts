import type en from "../en/notifications";
import type { Texts } from "../texts";

/** 收件箱页面与通知邮件。 */
const notifications: Texts<typeof en> = {
  notifications: {
    title: "收件箱",
    subtitle: "{{tenant}} 中与您相关的补货计划、库存区间和发货动态，最新的在前。",
    caption: "通知",
    unreadCount: "未读：{{unread}}",
    unread: "未读",
    unreadMarker: "新",
    read: "已读",
    received: "时间",
    message: "通知",
    open: "打开",
    openLabel: "打开：{{title}}",
    markRead: "标为已读",
    markReadLabel: "标为已读：{{title}}",
    markAllRead: "全部标为已读",
    markedAll: "所有通知均已标为已读。",
    markedOne: "通知已标为已读。",
    empty: "暂无通知。当补货计划或库存区间提议需要您处理或已有决定，以及发货被登记、修改、收货或逾期时，会在这里通知您。",
    kind: {
      plan: {
        submitted: "{{supplier}} 提交了补货计划 {{number}}",
        step_reached: "{{supplier}} 的补货计划 {{number}} 等待您审批",
        decided: "补货计划 {{number}} 已有决定：{{status}}",
        changes_requested: "补货计划 {{number}} 被要求修改",
      },
      band_proposal: {
        submitted: "{{supplier}} 提议修改 {{sku}} 的库存区间",
        decided: "您对 {{sku}} 库存区间的修改提议已被{{decision}}",
      },
      shipment: {
        recorded: "{{supplier}} 已发货：{{asn}}",
        corrected: "{{supplier}} 修改了发货通知单 {{asn}}",
        cancelled: "{{supplier}} 取消了发货通知单 {{asn}}",
        received: "发货通知单 {{asn}} 已收货",
        overdue: "{{supplier}} 的发货通知单 {{asn}} 已逾期",
      },
      unknown: "新通知",
    },
    detail: {
      step: "审批步骤：{{step}}",
      band: "提议区间：{{min}} – {{max}}",
      decisionCode: "决定代码 {{code}}：{{label}}",
      comment: "意见：{{comment}}",
      plan: "计划 {{number}}",
      lines_one: "{{count}} 行",
      lines_other: "{{count}} 行",
      expectedArrival: "预计到货 {{day}}",
    },
    fallback: {
      plan: "（无编号）",
      supplier: "某供应商",
      item: "某物料",
      status: "请查看计划",
      decision: "处理",
      notice: "（无编号）",
    },
    decisionCodes: {
      AC: "修改后接受",
      AD: "按原方案接受",
      RD: "已拒绝",
    },
    decisions: { accepted: "接受", rejected: "拒绝" },
    email: {
      subject: "[{{tenant}}] {{title}}",
      greeting: "您好：",
      openLink: "在门户中查看：",
      button: "在门户中打开",
      footer: "您收到此邮件，是因为您是 VMI 协同门户上 {{tenant}} 的成员。",
    },
  },
};

export default notifications;
