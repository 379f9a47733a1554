import type en from "./en";

import type { Texts } from "./texts";
import admin from "./zh-CN/admin";
import adminApiKeys from "./zh-CN/admin-api-keys";
import adminAudit from "./zh-CN/admin-audit";
import adminCatalog from "./zh-CN/admin-catalog";
import adminPeople from "./zh-CN/admin-people";
import adminSettings from "./zh-CN/admin-settings";
import agreement from "./zh-CN/agreement";
import alertRules from "./zh-CN/alert-rules";
import alerts from "./zh-CN/alerts";
import approvals from "./zh-CN/approvals";
import compliance from "./zh-CN/compliance";
import home from "./zh-CN/home";
import imports from "./zh-CN/imports";
import inventory from "./zh-CN/inventory";
import notifications from "./zh-CN/notifications";
import onboarding from "./zh-CN/onboarding";
import plans from "./zh-CN/plans";
import shipments from "./zh-CN/shipments";

/** 简体中文。键必须与 en.ts 完全一致（类型与单元测试都会检查）。 */
const core: Omit<
  Texts<typeof en>,
  | "admin"
  | "adminPeople"
  | "adminCatalog"
  | "adminSettings"
  | "adminAudit"
  | "adminApiKeys"
  | "alertRules"
  | "alerts"
  | "inventory"
  | "agreement"
  | "approvals"
  | "compliance"
  | "plans"
  | "home"
  | "notifications"
  | "onboarding"
  | "shipments"
  | "imports"
> = {
  app: { name: "VMI 协同门户", tagline: "与供应商共享的供应商管理库存" },
  nav: {
    admin: "管理",
    team: "团队",
    home: "首页",
    inventory: "库存",
    plans: "补货计划",
    approvals: "审批",
    shipments: "发货",
    proposals: "区间调整申请",
    compliance: "合规",
    scorecard: "计分卡",
    imports: "数据导入",
    inbox: "通知",
    alerts: "预警",
    alertsOpen: "{{count}} 条未处理",
    inboxUnread: "通知，{{count}} 条未读",
    awaiting: "{{count}} 个待处理",
    main: "主导航",
    skip: "跳到主要内容",
    menu: "菜单",
    unread: "{{count}} 条未读",
  },
  role: { admin: "管理员", manager: "经理", buyer: "采购员", supplier: "供应商" },
  userMenu: {
    open: "{{name}} 的账户菜单",
    language: "语言",
    changePassword: "修改密码",
    signOut: "退出登录",
    switchTenant: "切换公司",
    current: "当前",
    companies: "公司",
  },
  language: { en: "English", "zh-CN": "简体中文", save: "应用" },
  login: {
    title: "登录您的账户",
    email: "邮箱",
    password: "密码",
    submit: "登录",
    invalid: "邮箱或密码不正确。",
    throttled: "登录尝试次数过多，请在 {{seconds}} 秒后重试。",
    emailInvalid: "请输入有效的邮箱地址，例如 name@company.com。",
    emailRequired: "请输入邮箱地址。",
    passwordRequired: "请输入密码。",
    passwordLength: "密码长度为 8 到 256 个字符。",
    intro: "供应商、采购员和经理在这里使用同一套库存数据协同工作。",
  },
  password: {
    title: "修改密码",
    current: "当前密码",
    new: "新密码",
    confirm: "再次输入新密码",
    submit: "修改密码",
    mismatch: "两次输入的新密码不一致。",
    wrongCurrent: "当前密码不正确。",
    changed: "密码已修改，其他所有会话均已退出。",
    hint: "8 到 256 个字符。修改后，其他设备上的登录将全部失效。",
  },
  noTenant: {
    title: "尚未加入任何公司",
    body: "您的账户还不是本门户中任何公司的成员，请联系邀请您的采购方。",
  },
  status: {
    stockout: "缺货",
    below_min: "低于下限",
    in_band: "在区间内",
    above_max: "高于上限",
    no_data: "无库存数据",
  },
  table: { sortBy: "按{{column}}排序" },
  pagination: {
    label: "分页",
    showing: "第 {{from}}–{{to}} 条，共 {{total}} 条",
    previous: "上一页",
    next: "下一页",
    page: "第 {{page}} / {{pages}} 页",
  },
  errors: {
    notFoundTitle: "页面不存在",
    notFoundBody: "此地址没有内容，或者您无权访问。",
    errorTitle: "出现了问题",
    errorBody: "请求未能完成，请稍后重试。",
    reference: "如果问题持续出现，请将以下编号告知管理员：",
    home: "返回首页",
    bad_request: "无法读取该请求。",
    invalid: "部分输入需要更正。",
    forbidden: "您无权执行此操作。",
    not_found: "未找到。",
    conflict: "内容已被他人修改，请刷新页面后重试。",
  },
  toast: {
    region: "通知",
    dismiss: "关闭",
  },
};

const zhCN: Texts<typeof en> = {
  ...core,
  ...admin,
  ...adminPeople,
  ...adminCatalog,
  ...adminSettings,
  ...adminAudit,
  ...adminApiKeys,
  ...alertRules,
  ...alerts,
  ...approvals,
  ...compliance,
  ...inventory,
  ...agreement,
  ...plans,
  ...home,
  ...notifications,
  ...onboarding,
  ...shipments,
  ...imports,
};

export default zhCN;
