import { defineMessages } from '../../app/feature.ts';

export const messages = defineMessages(
  {
    'menu.network': '网点运行情况',
    'network.cityTotal': '全市合计',
    'network.search': '搜索机构、网点或地址',
    'network.export': '导出 Excel',
    'network.total': '网点数',
    'network.institution': '机构',
    'network.branch': '网点',
    'network.address': '地址',
    'network.note': '说明',
  },
  {
    'menu.network': 'Branch network',
    'network.cityTotal': 'City total',
    'network.search': 'Search institution, branch or address',
    'network.export': 'Export to Excel',
    'network.total': 'Branches',
    'network.institution': 'Institution',
    'network.branch': 'Branch',
    'network.address': 'Address',
    'network.note': 'Note',
  },
);
