// Where the build put the hashed files: from the <meta name="loopscope-assets">
// the build injects, or else from /assets.json.
import type { RunnerAssets } from "./runner-client";

export type AssetMap = Record<string, string>;

export async function loadAssetMap(base = ""): Promise<AssetMap> {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="loopscope-assets"]');
  if (meta?.content) {
    try {
      return JSON.parse(meta.content) as AssetMap;
    } catch {
      // fall through to the file
    }
  }
  const res = await fetch(base + "/assets.json");
  if (!res.ok) throw new Error(`assets.json: ${res.status}`);
  return (await res.json()) as AssetMap;
}

export function runnerAssets(map: AssetMap, base = ""): RunnerAssets {
  const need = (k: string) => {
    const v = map[k];
    if (!v) throw new Error(`the build lists no ${k}`);
    return new URL(v, base || location.href).href;
  };
  return {
    worker: need("runner.worker.js"), wasm: need("wasm"), wasmHTTP: need("wasm_http"), wasmExec: need("wasm_exec"),
    wasmPrecompiled: map["wasm_precompiled"] ? need("wasm_precompiled") : undefined,
  };
}
