// The type every dashboard JSON file must satisfy: the Grafana Foundation SDK's dashboard model
// (@grafana/grafana-foundation-sdk, pinned in package.json), adapted to JSON as stored on disk.
//  - Enum-typed fields take the enum's values ("value", "absolute", ...), as JSON cannot name an enum.
//  - Panel `targets` are Prometheus queries (prometheus.Dataquery), not the SDK's opaque marker type.
//  - Panel `options` and `fieldConfig.defaults.custom` are typed per panel `type` from the panel's own
//    SDK package; they are partial (Grafana fills in defaults) but an unknown key or a wrong type fails.
//  - Only the panel types listed in `Panel` are allowed; add one here when a dashboard needs it.
import type * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import type * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";
import type * as stat from "@grafana/grafana-foundation-sdk/stat";
import type * as bargauge from "@grafana/grafana-foundation-sdk/bargauge";
import type * as gauge from "@grafana/grafana-foundation-sdk/gauge";
import type * as table from "@grafana/grafana-foundation-sdk/table";
import type * as statetimeline from "@grafana/grafana-foundation-sdk/statetimeline";
import type * as statushistory from "@grafana/grafana-foundation-sdk/statushistory";
import type * as barchart from "@grafana/grafana-foundation-sdk/barchart";
import type * as piechart from "@grafana/grafana-foundation-sdk/piechart";
import type * as heatmap from "@grafana/grafana-foundation-sdk/heatmap";
import type * as histogram from "@grafana/grafana-foundation-sdk/histogram";
import type * as text from "@grafana/grafana-foundation-sdk/text";

type IsAny<T> = 0 extends 1 & T ? true : false;

/** The JSON form of an SDK type: string enums become their string values, methods disappear. */
export type Json<T> =
  IsAny<T> extends true ? any
  : T extends (...args: any[]) => any ? never
  : T extends string ? (string extends T ? string : `${T}`)
  : T extends number | boolean | null | undefined ? T
  : T extends readonly (infer U)[] ? Json<U>[]
  : T extends object ? { [K in keyof T as T[K] extends (...args: any[]) => any ? never : K]: Json<T[K]> }
  : T;

/** Every key optional, at every depth; unknown keys and wrong types are still errors. */
export type DeepPartial<T> =
  IsAny<T> extends true ? any
  : T extends readonly (infer U)[] ? DeepPartial<U>[]
  : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> }
  : T;

export type Target = Json<Omit<prometheus.Dataquery, "_implementsDataqueryVariant">>;

type FieldConfigSource<Custom> = {
  defaults: Omit<Json<dashboard.FieldConfig>, "custom"> & { custom?: Custom };
  overrides: Json<dashboard.FieldConfigSource>["overrides"];
};

type PanelOf<Type extends string, Options, Custom = any> =
  Omit<Json<dashboard.Panel>, "type" | "targets" | "options" | "fieldConfig"> & {
    type: Type;
    targets?: Target[];
    options?: DeepPartial<Json<Options>>;
    fieldConfig?: FieldConfigSource<IsAny<Custom> extends true ? any : DeepPartial<Json<Custom>>>;
  };

export type Panel =
  | PanelOf<"timeseries", timeseries.Options, timeseries.FieldConfig>
  | PanelOf<"stat", stat.Options>
  | PanelOf<"bargauge", bargauge.Options>
  | PanelOf<"gauge", gauge.Options>
  | PanelOf<"table", table.Options, table.FieldConfig>
  | PanelOf<"state-timeline", statetimeline.Options, statetimeline.FieldConfig>
  | PanelOf<"status-history", statushistory.Options, statushistory.FieldConfig>
  | PanelOf<"barchart", barchart.Options, barchart.FieldConfig>
  | PanelOf<"piechart", piechart.Options, piechart.FieldConfig>
  | PanelOf<"heatmap", heatmap.Options, heatmap.FieldConfig>
  | PanelOf<"histogram", histogram.Options, histogram.FieldConfig>
  | PanelOf<"text", text.Options>;

export type RowPanel = Omit<Json<dashboard.RowPanel>, "panels"> & { panels: Panel[] };

export type Dashboard = Omit<Json<dashboard.Dashboard>, "panels"> & { panels?: (Panel | RowPanel)[] };
