import { defineMessages } from '../../app/feature.ts';

export const messages = defineMessages(
  {
    'menu.dashboard': '概览',
    'menu.signout': '退出登录',
    'menu.signoutAll': '退出所有设备',
    'dashboard.welcome': '{{name}}，您好',
    'dashboard.org': '所属机构',
    'dashboard.role': '角色',
    'dashboard.demo': '演示账户：未使用动态码登录。正式账户必须绑定身份验证器。',
    'dashboard.organizations': '平台上的机构',
    'dashboard.users': '本机构用户',
    'dashboard.locked': '其中 {{n}} 个已锁定',
    'dashboard.audit': '最近的操作',
    'dashboard.lastWeek': '近7天',
    'dashboard.desk': '待办事项',
  },
  {
    'menu.dashboard': 'Overview',
    'menu.signout': 'Sign out',
    'menu.signoutAll': 'Sign out everywhere',
    'dashboard.welcome': 'Hello, {{name}}',
    'dashboard.org': 'Organisation',
    'dashboard.role': 'Role',
    'dashboard.demo': 'Demo account: signed in without a second factor. Real accounts must use an authenticator.',
    'dashboard.organizations': 'Organisations on the platform',
    'dashboard.users': 'Users of the organisation',
    'dashboard.locked': '{{n}} of them locked',
    'dashboard.audit': 'Recent actions',
    'dashboard.lastWeek': 'last 7 days',
    'dashboard.desk': 'Waiting for you',
  },
);
