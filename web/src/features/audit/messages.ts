import { defineMessages } from '../../app/feature.ts';

export const messages = defineMessages(
  {
    'menu.audit': '审计日志',
    'audit.time': '时间',
    'audit.action': '操作',
    'audit.actor': '操作人',
    'audit.record': '对象',
    'audit.outcome': '结果',
    'audit.filterAction': '按操作筛选',
    'audit.export': '导出已加载的 {{count}} 条（CSV）',
    'audit.loaded': '已加载 {{count}} 条，按时间倒序',
    'audit.filterRecord': '按对象编号筛选',
    'audit.filterActor': '按操作人编号筛选',
    'audit.filterTime': '时间范围',
    'audit.more': '加载更多',
  },
  {
    'menu.audit': 'Audit trail',
    'audit.time': 'Time',
    'audit.action': 'Action',
    'audit.actor': 'Actor',
    'audit.record': 'Record',
    'audit.outcome': 'Outcome',
    'audit.filterAction': 'Filter by action',
    'audit.export': 'Export the {{count}} loaded (CSV)',
    'audit.loaded': '{{count}} loaded, newest first',
    'audit.filterRecord': 'Filter by record id',
    'audit.filterActor': 'Filter by actor id',
    'audit.filterTime': 'Time range',
    'audit.more': 'Load more',
  },
);
