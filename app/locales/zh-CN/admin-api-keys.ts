import type { Texts } from "../texts";
import type en from "../en/admin-api-keys";

/** API 密钥页（管理员），以及 REST API 中指明权限范围的拒绝信息。 */
const zhCN: Texts<typeof en> = {
  adminApiKeys: {
    title: "API 密钥",
    intro:
      "您的 ERP 或集成平台使用密钥调用门户的 REST API，以“Authorization: Bearer <密钥>”发送。请为每个集成单独创建密钥，只授予它需要的权限范围。",
    create: {
      heading: "新密钥",
      name: "名称",
      nameHint: "使用它的系统，例如“SAP 生产系统”。",
      scopes: "权限范围",
      expires: "最后有效日（可选）",
      expiresHint: "按公司时区计算。留空则密钥不过期。",
      submit: "创建密钥",
    },
    scopes: {
      items_write: "items:write：创建和修改物料",
      partners_write: "partners:write：供应商和站点",
      agreements_write: "agreements:write：创建和修改协议",
      facts_write: "facts:write：库存、消耗和收货",
      imports_write: "imports:write：发送导入文件",
      read: "read：读取数据",
    },
    shown: {
      heading: "请立即复制新密钥",
      body: "密钥“{{name}}”只显示这一次：门户只保存它的指纹。如果遗失，请撤销它并创建新的密钥。",
      label: "新的 API 密钥",
      copyHint: "选中密钥并复制（Ctrl+C，Mac 上为 ⌘C），然后保存到集成系统的密钥设置中。",
    },
    list: {
      heading: "密钥",
      empty: "还没有 API 密钥。",
      name: "名称",
      prefix: "密钥",
      scopes: "权限范围",
      createdBy: "创建人",
      createdAt: "创建时间",
      expiresAt: "过期时间",
      lastUsedAt: "最近使用",
      status: "状态",
      actions: "操作",
      never: "从未",
      noExpiry: "不过期",
      nobody: "命令行或已离开的成员",
      active: "有效",
      expired: "已过期",
      revoked: "已于 {{date}} 撤销",
      revoke: "撤销",
      revokeLabel: "撤销密钥 {{name}}",
    },
    revoke: {
      heading: "撤销密钥“{{name}}”？",
      body: "从现在起，使用此密钥的每个请求都会被拒绝。此操作无法撤回：集成需要新的密钥。",
      confirm: "撤销密钥",
      cancel: "取消",
    },
    done: {
      created: "已创建密钥“{{name}}”。请立即复制。",
      revoked: "已撤销密钥“{{name}}”。",
      unchanged: "密钥“{{name}}”已被撤销。",
    },
    errors: {
      nameRequired: "请输入密钥名称。",
      nameTooLong: "名称最多 100 个字符。",
      controlCharacter: "请删除控制字符。",
      scope: "请从列表中选择权限范围。",
      scopesRequired: "请至少选择一个权限范围。",
      expires: "请按 YYYY-MM-DD 输入日期。",
      expiresPast: "请选择今天或之后的日期。",
      unknownKey: "此密钥不存在。",
    },
    api: {
      missingScope: "此 API 密钥缺少权限范围 {{scope}}。",
    },
  },
};

export default zhCN;
