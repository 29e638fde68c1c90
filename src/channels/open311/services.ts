import type { Catalogue } from '../../requests/catalogue/catalogue.js';
import type { Open311Value } from './format.js';

/** The attributes every service takes (the service definition lists them; a POST sends attribute[code]=value). */
export const ATTRIBUTE_CODES = ['district', 'neighbourhood'] as const;
export type AttributeCode = (typeof ATTRIBUTE_CODES)[number];

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/**
 * The catalogue's categories as GeoReport services: each category and sub-category is one service (its code is the
 * service_code), grouped under its top-level category. Every request is taken at once (type realtime: the answer
 * is the ticket number) and every service has attributes (the district), so metadata is true.
 */
export function servicesOf(catalogue: Catalogue): Open311Service[] {
  const services: Open311Service[] = [];
  for (const top of catalogue.categories) {
    const department = catalogue.departments.find((d) => d.code === top.departmentCode)?.name ?? top.departmentCode;
    services.push(service(top.code, top.name, department, top.name));
    for (const child of top.children) {
      const childDepartment = catalogue.departments.find((d) => d.code === child.departmentCode)?.name ?? child.departmentCode;
      services.push(service(child.code, child.name, childDepartment, top.name));
    }
  }
  return services;
}

function service(code: string, name: string, department: string, group: string): Open311Service {
  return { service_code: code, service_name: name, description: `${name} (${department})`, metadata: true, type: 'realtime', keywords: '', group };
}

/** GET services/{code}: the district (one of the site's districts) and the neighbourhood, both optional. */
export function serviceDefinition(code: string, catalogue: Catalogue): Open311Value {
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'district',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'Kayseri ilçelerinden biri',
        order: 1,
        description: 'İlçe',
        values: catalogue.districts.map((district) => ({ key: district, name: district })),
      },
      {
        variable: true,
        code: 'neighbourhood',
        datatype: 'string',
        required: false,
        datatype_description: 'Mahalle adı, en çok 100 karakter',
        order: 2,
        description: 'Mahalle',
        values: [],
      },
    ],
  };
}

/** The service (category) name and the department name for each code, for request answers. */
export function catalogueNames(catalogue: Catalogue): { services: Map<string, string>; departments: Map<string, string> } {
  const services = new Map<string, string>();
  for (const top of catalogue.categories) {
    services.set(top.code, top.name);
    for (const child of top.children) services.set(child.code, child.name);
  }
  return { services, departments: new Map(catalogue.departments.map((d) => [d.code, d.name])) };
}
