// Builds the dashboard's province map (make, never at run time): the 34
// current provinces of data/admin-units/provinces_2025.geojson (0.9 MB) as a
// simplified, quantised TopoJSON of a few tens of KB, shared borders drawn
// once. Every polygon part is kept, islands included (Hoàng Sa, Trường Sa):
// simplification removes points, never rings. Properties kept: code, name.
// Usage: node scripts/build-map.mjs IN.geojson OUT.json
import {readFileSync, writeFileSync} from 'node:fs';
import {topology} from 'topojson-server';
import {presimplify, quantile, simplify} from 'topojson-simplify';
import {quantize} from 'topojson-client';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
	console.error('usage: node scripts/build-map.mjs IN.geojson OUT.json');
	process.exit(2);
}
const geo = JSON.parse(readFileSync(input, 'utf8'));
for (const f of geo.features)
	f.properties = {code: f.properties.code, name: f.properties.name};
// Keep the 5 % most significant points (by the area of the triangle each
// forms with its neighbours: about 2,700 of 35,000), then round coordinates
// to a 10,000 × 10,000 grid, finer than the map's pixels.
let t = presimplify(topology({provinces: geo}, 1e5));
t = quantize(simplify(t, quantile(t, 0.05)), 1e4);
const text = JSON.stringify(t);
writeFileSync(output, text);
console.log(`${output}: ${geo.features.length} provinces, ${text.length} bytes`);
