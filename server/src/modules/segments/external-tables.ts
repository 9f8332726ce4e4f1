// Tables owned by other modules (migration 0007-profiles) that rules read:
//   custom_fields (key, type) + custom_field_values (customer_id, field_id, text_value, number_value, date_value)
//   customer_stages (customer_id, pipeline_id, stage_id, entered_at)  — one row per customer and pipeline
//   customer_rfm (customer_id, class)
//   customer_membership (customer_id, points, growth, level)        — no row reads as 0
export const STAGE_TABLE = 'customer_stages';
export const RFM_TABLE = 'customer_rfm';
export const POINTS_TABLE = 'customer_membership';
