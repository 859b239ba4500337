import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lambdas/config.js';
import { coreDependencies, type CoreDependencies } from '../../../lambdas/core-dependencies.js';
import { partOnCore } from '../../../lambdas/part-dependencies.js';

/** A part that only remembers the cores it was built on. */
const recordingPart = () => {
  const cores: CoreDependencies[] = [];
  const part = partOnCore((core) => {
    cores.push(core);
    return { core };
  });
  return { part, cores };
};

describe('a part of the dependency graph on a core (ADR 0162)', () => {
  it('is built once per process, on the process-wide core every part shares', () => {
    const reads = recordingPart();
    const erasures = recordingPart();

    const first = reads.part.processWide();

    expect(reads.part.processWide()).toBe(first);
    expect(reads.cores).toHaveLength(1);
    expect(first.core).toBe(coreDependencies());
    expect(erasures.part.processWide().core).toBe(first.core);
  });

  it('is built on a core of its own for a given configuration', () => {
    const { part, cores } = recordingPart();
    const config = { ...loadConfig({}), snapshotEvery: 7 };

    const one = part.build(config);
    const other = part.build(config);

    expect(cores).toHaveLength(2);
    expect(one.core).not.toBe(other.core);
    expect(one.core).not.toBe(coreDependencies());
    expect(one.core.config.snapshotEvery).toBe(7);
  });
});
