import type { Texts } from "../texts";
import type en from "../en/home";

const zhCN: Texts<typeof en> = {
  home: {
    title: "待处理事项",
    subtitle: "您在 {{tenant}} 最需要补货的物料，以及等待您处理的计划。",
    planNow: "新建计划",
    actNow: "立即处理",
    planNeeded: "需要计划",
    plansWaiting: "待您处理的计划",
    attentionTitle: "需要补货的物料",
    attentionHint:
      "立即处理：今天发货也来不及到达前就会缺货。需要计划：在提前期加评审周期内会缺货或低于下限，且没有在途或已批准的补货覆盖。最紧急的在前。",
    allGood: "没有需要计划的物料：每个物料在提前期和评审周期内都有足够库存，或已有在途和已批准的补货。",
    actions: "操作",
    plan: "制定计划",
    plansTitle: "待您处理的计划",
    noPlans: "没有草稿，也没有被退回修改的计划。",
    planLines: "{{lines}} 行，共 {{qty}} 件",
    alerts: {
      title: "未关闭的预警与待办",
      hint: "最紧急的在前：严重先于警告，待办按截止日期排列。",
      hintMine: "指派给您的在前，其次是最紧急的：严重先于警告，待办按截止日期排列。",
      none: "没有未关闭的预警：预警规则监控的事项目前都不需要您处理。",
      all_one: "在预警页面查看这条未关闭预警",
      all_other: "查看全部 {{number}} 条未关闭预警",
      counts: "未关闭 {{total}} 条，严重 {{critical}} 条，指派给您 {{mine}} 条",
    },
    alertList: {
      todo: "待办",
      todoDue: "待办，截止 {{day}}",
      mine: "指派给您",
      acknowledged: "已确认",
      since: "自 {{when}} 起",
    },
    buyer: {
      title: "我的预警与审批",
      subtitle: "您在 {{tenant}} 需要处理的事项：先是未关闭的预警与待办，然后是等待您审批的补货计划。",
      approvalsTitle: "等待您审批",
      approvals_one: "{{number}} 个补货计划等待您审批",
      approvals_other: "{{number}} 个补货计划等待您审批",
      approvalsNone: "没有等待您审批的补货计划。",
      openApprovals: "打开审批队列",
      inventoryTitle: "库存",
      inventoryHint: "每个协议的库存、区间和紧急程度，可按供应商、地点和分类筛选。",
      openInventory: "打开库存",
    },
  },
};

export default zhCN;
