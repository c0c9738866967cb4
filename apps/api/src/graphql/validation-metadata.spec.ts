import { IsInt, IsOptional, MaxLength, MetadataStorage, Min, validateSync } from 'class-validator';
import { memoiseValidationMetadata } from './validation-metadata';

class Base {
  @IsOptional()
  @MaxLength(3)
  name?: string;
}

class Derived extends Base {
  @IsInt()
  @Min(1)
  count!: number;
}

describe('memoiseValidationMetadata', () => {
  it('answers as class-validator does, inherited rules included, and sees rules added later', () => {
    const storage = new MetadataStorage();
    const plain = new MetadataStorage();
    const fromGlobal = (target: object) =>
      (global as unknown as { classValidatorMetadataStorage: MetadataStorage }).classValidatorMetadataStorage
        .getTargetValidationMetadatas(target as never, '', false, false)
        .forEach((m) => {
          storage.addValidationMetadata(m);
          plain.addValidationMetadata(m);
        });
    fromGlobal(Base);
    fromGlobal(Derived);
    memoiseValidationMetadata(storage);
    const names = (s: MetadataStorage) =>
      s
        .getTargetValidationMetadatas(Derived, '', false, false)
        .map((m) => `${m.propertyName}:${m.name ?? m.type}`)
        .sort();
    expect(names(storage)).toEqual(names(plain));
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false)).toBe(
      storage.getTargetValidationMetadatas(Derived, '', false, false),
    );
    const extra = plain.getTargetValidationMetadatas(Base, '', false, false)[0];
    storage.addValidationMetadata({ ...extra, propertyName: 'other' } as never);
    expect(names(storage)).toContain('other:' + (extra.name ?? extra.type));
  });

  it('validation on the global storage still reports every bad field', () => {
    memoiseValidationMetadata();
    const value = Object.assign(new Derived(), { name: 'long name', count: 0 });
    for (let i = 0; i < 2; i += 1) {
      expect(
        validateSync(value)
          .map((e) => e.property)
          .sort(),
      ).toEqual(['count', 'name']);
    }
  });
});
