import type { WriteUsage } from './writer.ts';

/**
 * Token accounting and cost. Prices are US dollars per million tokens (input,
 * output) as OpenAI lists them; `DREAMSEED_OPENAI_PRICE` overrides them for
 * other models or servers. An unknown price gives a null cost, never a guess.
 */
export interface Price {
  input: number;
  output: number;
}

const KNOWN_PRICES: Record<string, Price> = {
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
};

/** The price of a model: the override, else the listed price of the model or its dated snapshot. */
export function priceOf(model: string, override: Price | null = null): Price | null {
  if (override) return override;
  if (KNOWN_PRICES[model]) return KNOWN_PRICES[model];
  const base = model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  return KNOWN_PRICES[base] ?? null;
}

export function emptyUsage(): WriteUsage {
  return { calls: 0, prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, cost_usd: 0 };
}

export function callUsage(
  tokens: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | undefined,
  price: Price | null,
): WriteUsage {
  const prompt = tokens?.prompt_tokens ?? 0;
  const completion = tokens?.completion_tokens ?? 0;
  return {
    calls: 1,
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: tokens?.total_tokens ?? prompt + completion,
    cost_usd: price ? (prompt * price.input + completion * price.output) / 1_000_000 : null,
  };
}

export function addUsage(a: WriteUsage, b: WriteUsage | undefined): WriteUsage {
  if (!b) return a;
  return {
    calls: a.calls + b.calls,
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
    cost_usd: a.cost_usd === null || b.cost_usd === null ? null : a.cost_usd + b.cost_usd,
  };
}

/** Cost rounded for display and storage (to a millionth of a dollar). */
export function roundCost(cost: number | null): number | null {
  return cost === null ? null : Math.round(cost * 1_000_000) / 1_000_000;
}
