// Ant Design's validateFields rejects when a field is invalid; the form already shows each field's message, so a
// submit handler stops there instead of leaving an unhandled rejection (a page error) behind.
import type { FormInstance } from 'antd';

export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
