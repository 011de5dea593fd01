import { describe, expect, it } from 'vitest';
import { maskAccount, maskAddress, maskMobile, maskName, maskPii, maskResidentId } from './masking.ts';

describe('masking', () => {
  it('keeps the first 3 and last 4 digits of a mobile', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
  });
  it('keeps at most the first 6 and last 4 characters of a resident ID', () => {
    expect(maskResidentId('360426199101010071')).toBe('360426********0071');
    expect(maskResidentId('360426199101010071', 3, 2)).toBe('360*************71');
    expect(maskResidentId('360426199101010071', 10, 10)).toBe('360426********0071');
    expect(maskResidentId('360426199101010071', 0, 0)).toBe('******************');
  });
  it('keeps the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
  });
  it('masks addresses and accounts', () => {
    expect(maskAddress('上海市黄浦区南京东路100号3室')).toBe('上海市黄浦区****');
    expect(maskAccount('6222021234567890')).toBe('****7890');
    expect(maskPii('mobile', '13812341234')).toBe('138****1234');
  });
});

describe('e-mail masking', () => {
  it('keeps the first character and the domain', async () => {
    const { maskEmail } = await import('./masking.ts');
    expect(maskEmail('zhao.li@bank.example.cn')).toBe('z***@bank.example.cn');
    expect(maskEmail('nonsense')).toBe('***');
  });
});
