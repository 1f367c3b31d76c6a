// Kubernetes resource quantities (`512Mi`, `1G`, `500m`, `1.5`, `2e3`) as plain numbers: bytes for memory, CPUs for
// cpu. The grammar of k8s.io/apimachinery resource.Quantity: https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

// `n` and `u` are not in the documented grammar but resource.Quantity parses them (and prints them for small values).
// Powers of ten, so that `100m` is exactly 100 / 1000 and not 100 * 0.001.
const DECIMAL: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const QUANTITY =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE])([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** The value of a quantity as written in YAML (a string, or a bare number); undefined when it is not one. */
export function parseQuantity(written: string | number): number | undefined {
  if (typeof written === 'number') return Number.isFinite(written) ? written : undefined;
  const match = QUANTITY.exec(written.trim());
  if (!match) return undefined;
  const [, number, exponentMark, exponent, suffix = ''] = match;
  const base = Number(number);
  const binary = BINARY[suffix];
  if (binary !== undefined) return base * binary;
  return scale(base, exponentMark ? Number(exponent) : DECIMAL[suffix]!);
}

function scale(base: number, power: number): number {
  return power < 0 ? base / 10 ** -power : base * 10 ** power;
}
