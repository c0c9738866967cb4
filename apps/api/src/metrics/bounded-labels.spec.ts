import { BoundedLabels, OTHER_LABEL } from './bounded-labels';

describe('BoundedLabels', () => {
  it('keeps the first values seen and folds any later one into "other"', () => {
    const labels = new BoundedLabels(2);
    expect(labels.label('Me')).toBe('Me');
    expect(labels.label('Networks')).toBe('Networks');
    expect(labels.label('Third')).toBe(OTHER_LABEL);
    expect(labels.label('Me')).toBe('Me'); // a known value keeps its label
    expect(labels.label('Fourth')).toBe(OTHER_LABEL);
  });
});
