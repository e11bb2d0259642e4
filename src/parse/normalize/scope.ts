// Whom a measure's text addresses, when it says so at its start.
import type { Scope } from "../types.ts";

const ALL =
  /^(各地区?|各市县?|各县市区?|各区县|各地市|各设区市|各市州|各省(（区、市）|区市)?|各县（市、区）|各区（县、市）|各级[^，。；]{0,8}?|各地方)(要|应|需|须|可|抓紧|结合|积极|认真|加快|进一步|继续|切实)/;
const SOME = /^((有关|部分|相关)(地区|地方|省份|城市|设区市|市|县|区|省)|有条件的(地区|地方|城市|市|县|区|省份))/;
/** "国家知识产权局：…", "省知识产权局：…": the issuer speaking of its own part. */
const ISSUER = /^[^，。；：:、]{2,20}?(局|厅|委|部|院|办|府|中心|办公室|领导小组)[:：]/;

export function detectScope(text: string): Scope | null {
  if (ISSUER.test(text)) return "issuer";
  if (ALL.test(text)) return "all-subordinates";
  if (SOME.test(text)) return "some-subordinates";
  return null;
}
