const t0 = performance.now();
const names = ['it','fr','de','es','en','en_GB','en_US','nl','pt_PT','pl','de_AT','de_CH','fr_CH','en_AU','en_CA','en_IE','es_MX','pt_BR','nl_BE','fr_BE'];
const mods = await Promise.all(names.map((n) => import(`@faker-js/faker/locale/${n}`)));
console.log('import ms', performance.now() - t0);
for (const [i, m] of mods.entries()) { const d = (m.faker as any).rawDefinitions; console.log(names[i], d.person?.first_name ? Object.entries(d.person.first_name).map(([k,v]) => k + (v as any[]).length).join(',') : '-', 'last', d.person?.last_name ? Object.entries(d.person.last_name).map(([k,v]) => k+(v as any[]).length).join(','): '-', 'lnp', JSON.stringify(d.person?.last_name_pattern).slice(0,200), 'free', d.internet?.free_email?.join(' ')); }
const it = (mods[0].faker as any).rawDefinitions;
console.log(it.location.city_prefix, it.location.city_suffix, it.location.street_suffix, it.location.street_pattern);
const en = (mods[4].faker as any).rawDefinitions;
console.log(en.location.city_prefix, en.location.city_suffix, en.location.street_pattern, en.location.street_suffix.slice(0,20));
console.log((mods[5].faker as any).rawDefinitions.location.city_pattern, (mods[5].faker as any).rawDefinitions.location.city_infix, (mods[5].faker as any).rawDefinitions.location.city_prefix);
console.log((mods[6].faker as any).rawDefinitions.location.city_pattern);
console.log((mods[1].faker as any).rawDefinitions.location.street_pattern, (mods[1].faker as any).rawDefinitions.location.city_pattern);
console.log((mods[2].faker as any).rawDefinitions.location.street_pattern, (mods[2].faker as any).rawDefinitions.location.city_pattern, (mods[2].faker as any).rawDefinitions.location.city_prefix, (mods[2].faker as any).rawDefinitions.location.city_suffix);
console.log((mods[3].faker as any).rawDefinitions.location.street_pattern, (mods[3].faker as any).rawDefinitions.location.city_pattern);
console.log((mods[7].faker as any).rawDefinitions.location.street_pattern, (mods[7].faker as any).rawDefinitions.location.city_pattern);
console.log(JSON.stringify(it.phone_number), JSON.stringify((mods[2].faker as any).rawDefinitions.phone_number).slice(0,300));
