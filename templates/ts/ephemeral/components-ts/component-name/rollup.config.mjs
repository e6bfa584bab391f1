import componentRollupConfig from "../../common-ts/rollup.config.component.mjs";

export default componentRollupConfig();
